import { useState } from 'react';
import { useSession } from '../features/auth/api/get-session.ts';
import { LoginForm } from '../features/auth/components/login-form.tsx';
import { SignedIn } from '../features/auth/components/signed-in.tsx';
import { SignupForm } from '../features/auth/components/signup-form.tsx';
import { FormAlert } from '../components/ui/form-alert.tsx';
import { getFormErrors } from '../lib/form-errors.ts';
import { AppProvider } from './provider.tsx';

// Mounted only while signed out, so every sign-out lands on the login form again.
function SignedOut() {
  const [mode, setMode] = useState<'login' | 'signup'>('login');
  return mode === 'login' ? (
    <LoginForm onSwitchToSignup={() => setMode('signup')} />
  ) : (
    <SignupForm onSwitchToLogin={() => setMode('login')} />
  );
}

function Session() {
  const session = useSession();

  if (session.isPending) {
    return (
      <p className="status" role="status">
        Loading…
      </p>
    );
  }
  if (session.isError) {
    return (
      <section className="card" aria-labelledby="session-error-title">
        <h1 id="session-error-title">Can’t load HelpStack</h1>
        <FormAlert message={getFormErrors(session.error, []).message} />
        <button type="button" className="button-primary" onClick={() => void session.refetch()}>
          Try again
        </button>
      </section>
    );
  }
  return session.data ? <SignedIn session={session.data} /> : <SignedOut />;
}

export function App() {
  return (
    <AppProvider>
      <div className="layout">
        <header className="brand">
          <span className="brand-mark" aria-hidden="true">
            H
          </span>
          HelpStack
        </header>
        <main>
          <Session />
        </main>
      </div>
    </AppProvider>
  );
}
