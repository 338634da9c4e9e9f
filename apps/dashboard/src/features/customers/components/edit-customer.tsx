import type { Customer } from '@helpstack/contracts';
import { ActionIcon, Button, Group, Modal, Stack, TextInput, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil } from '@tabler/icons-react';
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { getFormErrors, useFocusOnError } from '../../../lib/form-errors.ts';
import { useUpdateCustomer } from '../api/update-customer.ts';
import { customerForm, customerPatch, type CustomerForm } from '../utils/customer-patch.ts';

const fieldNames = ['name', 'email', 'phone'] as const;

/**
 * The side panel's pencil: an agent fixes the customer's name, e-mail or phone (PATCH /api/customers/[id]).
 * `onSaved`: the route refreshes what shows the customer beside the panel (the conversation, the list).
 */
export function EditCustomer({ customer, onSaved }: { customer: Customer; onSaved?: (customer: Customer) => void }) {
  const [opened, { open, close }] = useDisclosure(false);
  const [form, setForm] = useState<CustomerForm>(() => customerForm(customer));
  const update = useUpdateCustomer({ onSaved });
  const formRef = useRef<HTMLFormElement>(null);
  const errors = getFormErrors(update.error, fieldNames);
  useFocusOnError(formRef, update.error);

  const start = () => {
    setForm(customerForm(customer));
    update.reset();
    open();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = customerPatch(customer, form);
    if (!Object.keys(body).length) return close();
    update.mutate({ id: customer.id, body }, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: 'Customer details saved', autoClose: 2500 });
        close();
      },
    });
  };
  const field = (name: keyof CustomerForm) => ({
    name,
    value: form[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value;
      setForm((f) => ({ ...f, [name]: value }));
    },
    error: errors.fields[name]?.join(' '),
  });

  return (
    <>
      <Tooltip label="Edit customer details" withArrow>
        <ActionIcon variant="subtle" color="gray" size="sm" onClick={start} aria-label="Edit customer details">
          <IconPencil size={15} />
        </ActionIcon>
      </Tooltip>
      <Modal opened={opened} onClose={close} title="Customer details">
        <form ref={formRef} onSubmit={submit} noValidate>
          <Stack gap="sm">
            <FormAlert message={errors.message} />
            <TextInput label="Name" maxLength={200} autoComplete="off" data-autofocus {...field('name')} />
            <TextInput label="E-mail" type="email" maxLength={254} autoComplete="off" {...field('email')} />
            <TextInput label="Phone" type="tel" maxLength={40} autoComplete="off" {...field('phone')} />
            <Group justify="flex-end" mt="xs">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={update.isPending}>
                Save
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
