import { Alert, Anchor, Button, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { AuthLayout } from '../../../components/layout/auth-layout.tsx';
import { ForgotPasswordForm } from '../../../features/auth/components/forgot-password-form.tsx';

const backToLogin = (
  <Anchor component={Link} to="/login" fw={500}>
    Back to log in
  </Anchor>
);

export function ForgotPasswordRoute() {
  const [sentTo, setSentTo] = useState<string | null>(null);

  if (sentTo) {
    // The same words whether or not the address has an account: the server does not say, and neither do we.
    return (
      <AuthLayout title="Check your e-mail" footer={backToLogin}>
        <Alert color="teal" variant="light" role="status">
          If <strong>{sentTo}</strong> belongs to a HelpStack account, we sent it a link to choose a new password. The link works
          once, for one hour.
        </Alert>
        <Text size="sm" c="dimmed">
          Nothing arrived? Check your spam folder, or ask again in a few minutes.
        </Text>
        <Button variant="default" onClick={() => setSentTo(null)}>
          Use another address
        </Button>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Forgot your password?" lead="Enter the e-mail address you log in with and we will send you a link to reset it." footer={backToLogin}>
      <ForgotPasswordForm onSent={setSentTo} />
    </AuthLayout>
  );
}
