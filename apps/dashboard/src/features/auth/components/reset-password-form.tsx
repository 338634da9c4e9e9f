import { Button, PasswordInput, Stack } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { fieldError, getFormErrors, useFocusOnError } from '../../../lib/form-errors.ts';
import { useResetPassword } from '../api/reset-password.ts';

const fieldNames = ['password', 'confirm'] as const;

/**
 * New password twice. A dead link (unknown, expired or used token) is said above the form, in the
 * server's words, since there is no token input to attach it to.
 */
export function ResetPasswordForm({ token, onSuccess }: { token: string; onSuccess: () => void }) {
  const reset = useResetPassword();
  const [mismatch, setMismatch] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const tokenError = reset.error instanceof ApiError ? reset.error.fields.token?.join(' ') : undefined;
  const errors = getFormErrors(reset.error, fieldNames);
  const message = tokenError ?? errors.message;
  useFocusOnError(formRef, mismatch || reset.error);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const password = String(data.get('password') ?? '');
    const confirm = String(data.get('confirm') ?? '');
    setMismatch(password !== confirm);
    if (password !== confirm) return;
    reset.mutate({ token, password }, { onSuccess });
  }

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        <FormAlert message={message} />
        <PasswordInput
          name="password"
          label="New password"
          autoComplete="new-password"
          required
          autoFocus
          minLength={8}
          description="At least 8 characters."
          error={fieldError(errors, 'password')}
        />
        <PasswordInput
          name="confirm"
          label="Confirm new password"
          autoComplete="new-password"
          required
          error={mismatch ? 'The two passwords differ' : undefined}
        />
        <Button type="submit" loading={reset.isPending} fullWidth mt="xs">
          Set new password
        </Button>
      </Stack>
    </form>
  );
}
