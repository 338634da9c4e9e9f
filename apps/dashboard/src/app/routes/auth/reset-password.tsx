import { Alert, Anchor, Button } from '@mantine/core';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { AuthLayout } from '../../../components/layout/auth-layout.tsx';
import { ResetPasswordForm } from '../../../features/auth/components/reset-password-form.tsx';

const route = getRouteApi('/reset-password');

export function ResetPasswordRoute() {
  const { token } = route.useSearch();
  const [done, setDone] = useState(false);

  if (!token) {
    return (
      <AuthLayout title="Reset link incomplete">
        <Alert color="yellow" variant="light">
          This link has no reset token. Open the full link from the e-mail, or ask for a new one.
        </Alert>
        <Button component={Link} to="/forgot-password" variant="default">
          Ask for a new link
        </Button>
      </AuthLayout>
    );
  }

  if (done) {
    return (
      <AuthLayout title="Password changed">
        <Alert color="teal" variant="light" role="status">
          Your password was changed and you were signed out everywhere. Log in with the new password.
        </Alert>
        <Button component={Link} to="/login">
          Log in
        </Button>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Choose a new password"
      lead="Setting a new password signs you out on every device."
      footer={
        <>
          Link expired?{' '}
          <Anchor component={Link} to="/forgot-password" fw={500}>
            Ask for a new one
          </Anchor>
        </>
      }
    >
      <ResetPasswordForm token={token} onSuccess={() => setDone(true)} />
    </AuthLayout>
  );
}
