import { useRef, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { getFormErrors, useFocusOnError } from '../../../lib/form-errors.ts';
import { useSignup } from '../api/signup.ts';

const fieldNames = ['name', 'email', 'password', 'organizationName'] as const;

export function SignupForm({ onSwitchToLogin }: { onSwitchToLogin: () => void }) {
  const signup = useSignup();
  const formRef = useRef<HTMLFormElement>(null);
  const { fields, message } = getFormErrors(signup.error, fieldNames);
  useFocusOnError(formRef, signup.error);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (key: (typeof fieldNames)[number]) => String(data.get(key) ?? '');
    signup.mutate({
      name: value('name'),
      email: value('email'),
      password: value('password'),
      organizationName: value('organizationName'),
    });
  }

  return (
    <section className="card" aria-labelledby="signup-title">
      <h1 id="signup-title">Create an account</h1>
      <p className="card-lead">Start a new HelpStack workspace for your team.</p>
      <form ref={formRef} onSubmit={handleSubmit}>
        <FormAlert message={message} />
        <TextField name="name" label="Your name" autoComplete="name" required autoFocus errors={fields.name} />
        <TextField name="email" label="Work email" type="email" autoComplete="email" required errors={fields.email} />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          hint="At least 8 characters."
          errors={fields.password}
        />
        <TextField
          name="organizationName"
          label="Organization name"
          autoComplete="organization"
          required
          errors={fields.organizationName}
        />
        <button type="submit" className="button-primary" disabled={signup.isPending}>
          {signup.isPending ? 'Creating account…' : 'Create account'}
        </button>
      </form>
      <p className="card-footer">
        Already have an account?{' '}
        <button type="button" className="button-link" onClick={onSwitchToLogin}>
          Sign in
        </button>
      </p>
    </section>
  );
}
