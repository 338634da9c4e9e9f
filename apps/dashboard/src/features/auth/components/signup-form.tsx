import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useRef, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { fieldError, getFormErrors, useFocusOnError } from '../../../lib/form-errors.ts';
import { useSignup } from '../api/signup.ts';

const fieldNames = ['name', 'email', 'password', 'organizationName'] as const;

export function SignupForm({ onSuccess }: { onSuccess: () => void }) {
  const signup = useSignup({ mutationConfig: { onSuccess } });
  const formRef = useRef<HTMLFormElement>(null);
  const errors = getFormErrors(signup.error, fieldNames);
  useFocusOnError(formRef, signup.error);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (key: (typeof fieldNames)[number]) => String(data.get(key) ?? '');
    signup.mutate({ name: value('name'), email: value('email'), password: value('password'), organizationName: value('organizationName') });
  }

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        <FormAlert message={errors.message} />
        <TextInput name="name" label="Your name" autoComplete="name" required autoFocus error={fieldError(errors, 'name')} />
        <TextInput name="email" label="Work email" type="email" autoComplete="email" required error={fieldError(errors, 'email')} />
        <PasswordInput
          name="password"
          label="Password"
          autoComplete="new-password"
          required
          minLength={8}
          description="At least 8 characters."
          error={fieldError(errors, 'password')}
        />
        <TextInput name="organizationName" label="Organization name" autoComplete="organization" required error={fieldError(errors, 'organizationName')} />
        <Button type="submit" loading={signup.isPending} fullWidth mt="xs">
          Create account
        </Button>
      </Stack>
    </form>
  );
}
