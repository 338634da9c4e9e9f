import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useRef, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { fieldError, getFormErrors, useFocusOnError } from '../../../lib/form-errors.ts';
import { useLogin } from '../api/login.ts';

const fieldNames = ['email', 'password'] as const;

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const login = useLogin({ mutationConfig: { onSuccess } });
  const formRef = useRef<HTMLFormElement>(null);
  const errors = getFormErrors(login.error, fieldNames);
  useFocusOnError(formRef, login.error);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    login.mutate({ email: String(data.get('email') ?? ''), password: String(data.get('password') ?? '') });
  }

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        <FormAlert message={errors.message} />
        <TextInput name="email" label="Email" type="email" autoComplete="username" required autoFocus error={fieldError(errors, 'email')} />
        <PasswordInput name="password" label="Password" autoComplete="current-password" required error={fieldError(errors, 'password')} />
        <Button type="submit" loading={login.isPending} fullWidth mt="xs">
          Log in
        </Button>
      </Stack>
    </form>
  );
}
