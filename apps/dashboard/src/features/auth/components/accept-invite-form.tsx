import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useRef, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { fieldError, getFormErrors, useFocusOnError } from '../../../lib/form-errors.ts';
import { useAcceptInvite } from '../api/accept-invite.ts';

const fieldNames = ['name', 'password'] as const;

export function AcceptInviteForm({ token, onSuccess }: { token: string; onSuccess: () => void }) {
  const accept = useAcceptInvite();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = getFormErrors(accept.error, fieldNames);
  useFocusOnError(formRef, accept.error);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    accept.mutate({ token, name: String(data.get('name') ?? ''), password: String(data.get('password') ?? '') }, { onSuccess });
  }

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        <FormAlert message={errors.message} />
        <TextInput name="name" label="Your name" autoComplete="name" required autoFocus error={fieldError(errors, 'name')} />
        <PasswordInput
          name="password"
          label="Choose a password"
          autoComplete="new-password"
          required
          minLength={8}
          description="At least 8 characters."
          error={fieldError(errors, 'password')}
        />
        <Button type="submit" loading={accept.isPending} fullWidth mt="xs">
          Join the team
        </Button>
      </Stack>
    </form>
  );
}
