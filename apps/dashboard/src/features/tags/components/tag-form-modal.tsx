import type { Tag } from '@helpstack/contracts';
import { tagPalette } from '@helpstack/contracts/constants';
import { ColorSwatch, Group, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { FormModalFooter } from '../../../components/ui/form-modal-footer.tsx';
import { TagBadge } from '../../../components/ui/tag-badge.tsx';
import { getFormErrors, useFocusOnError } from '../../../lib/form-errors.ts';
import { useCreateTag, useUpdateTag } from '../api/save-tag.ts';

const fieldNames = ['name', 'color'] as const;

type Props = { opened: boolean; onClose: () => void; /** Editing this tag; null: creating one. */ tag: Tag | null | undefined };

export function TagFormModal({ opened, onClose, tag }: Props) {
  const [name, setName] = useState('');
  const [color, setColor] = useState<string>('blue');
  const create = useCreateTag();
  const update = useUpdateTag();
  const mutation = tag ? update : create;
  const formRef = useRef<HTMLFormElement>(null);
  const errors = getFormErrors(mutation.error, fieldNames);
  useFocusOnError(formRef, mutation.error);

  useEffect(() => {
    if (!opened) return;
    setName(tag?.name ?? '');
    setColor(tag?.color ?? 'blue');
    create.reset();
    update.reset();
  }, [opened, tag]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const done = () => {
      notifications.show({ color: 'teal', message: tag ? 'Tag updated' : 'Tag added' });
      onClose();
    };
    if (tag) update.mutate({ id: tag.id, body: { name, color } }, { onSuccess: done });
    else create.mutate({ name, color }, { onSuccess: done });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={tag ? 'Edit tag' : 'New tag'} closeButtonProps={{ 'aria-label': 'Close' }}>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormAlert message={errors.message} />
          <TextInput label="Name" required maxLength={50} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.fields.name?.join(' ')} data-autofocus />
          <div role="radiogroup" aria-label="Colour">
            <Text size="sm" fw={500} mb={4}>Colour</Text>
            <Group gap={6}>
              {tagPalette.map((c) => (
                <UnstyledButton key={c} role="radio" aria-checked={color === c} aria-label={c} onClick={() => setColor(c)}>
                  <ColorSwatch color={`var(--mantine-color-${c}-6)`} size={22} style={{ outline: color === c ? '2px solid var(--mantine-color-text)' : undefined, outlineOffset: 2 }} />
                </UnstyledButton>
              ))}
            </Group>
            {errors.fields.color && <Text size="xs" c="red">{errors.fields.color.join(' ')}</Text>}
          </div>
          <Group gap="xs">
            <Text size="sm" c="dimmed">Preview</Text>
            <TagBadge tag={{ name: name.trim() || 'Tag', color }} size="sm" />
          </Group>
          <FormModalFooter submitLabel={tag ? 'Save' : 'Add tag'} pending={mutation.isPending} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
