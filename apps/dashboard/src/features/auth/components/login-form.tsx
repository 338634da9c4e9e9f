import { useRef, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { getFormErrors, useFocusOnError } from '../../../lib/form-errors.ts';
import { useLogin } from '../api/login.ts';

const fieldNames = ['email', 'password'] as const;

export function LoginForm({ onSwitchToSignup }: { onSwitchToSignup: () => void }) {
  const login = useLogin();
  const formRef = useRef<HTMLFormElement>(null);
  const { fields, message } = getFormErrors(login.error, fieldNames);
  useFocusOnError(formRef, login.error);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    login.mutate({ email: String(data.get('email') ?? ''), password: String(data.get('password') ?? '') });
  }

  return (
    <section className="card" aria-labelledby="login-title">
      <h1 id="login-title">Sign in</h1>
      <p className="card-lead">Welcome back. Sign in to your HelpStack workspace.</p>
      <form ref={formRef} onSubmit={handleSubmit}>
        <FormAlert message={message} />
        <TextField
          name="email"
          label="Email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          errors={fields.email}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          errors={fields.password}
        />
        <button type="submit" className="button-primary" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="card-footer">
        New to HelpStack?{' '}
        <button type="button" className="button-link" onClick={onSwitchToSignup}>
          Create an account
        </button>
      </p>
    </section>
  );
}
