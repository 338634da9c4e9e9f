import { Button, Stack, TextInput } from '@mantine/core';
import { useRef, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { fieldError, getFormErrors, useFocusOnError } from '../../../lib/form-errors.ts';
import { useForgotPassword } from '../api/forgot-password.ts';

const fieldNames = ['email'] as const;

/** Asks for a reset link; `onSent` gets the address, which the page repeats in "check your e-mail". */
export function ForgotPasswordForm({ onSent }: { onSent: (email: string) => void }) {
  const forgot = useForgotPassword();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = getFormErrors(forgot.error, fieldNames);
  useFocusOnError(formRef, forgot.error);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim();
    forgot.mutate({ email }, { onSuccess: () => onSent(email) });
  }

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        <FormAlert message={errors.message} />
        <TextInput name="email" label="Email" type="email" autoComplete="username" required autoFocus error={fieldError(errors, 'email')} />
        <Button type="submit" loading={forgot.isPending} fullWidth mt="xs">
          Send reset link
        </Button>
      </Stack>
    </form>
  );
}
