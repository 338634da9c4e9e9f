import { Alert, Anchor, Button } from '@mantine/core';
import { getRouteApi, Link } from '@tanstack/react-router';
import { AuthLayout } from '../../../components/layout/auth-layout.tsx';
import { useSession } from '../../../features/auth/api/get-session.ts';
import { useLogout } from '../../../features/auth/api/logout.ts';
import { AcceptInviteForm } from '../../../features/auth/components/accept-invite-form.tsx';

const route = getRouteApi('/accept-invite');

export function AcceptInviteRoute() {
  const { token } = route.useSearch();
  const navigate = route.useNavigate();
  const session = useSession();
  const logout = useLogout();

  if (!token) {
    return (
      <AuthLayout title="Invitation link incomplete">
        <Alert color="yellow" variant="light">
          This link has no invitation token. Open the full link from your invitation, or ask your admin to send a new one.
        </Alert>
        <Button component={Link} to="/login" variant="default">
          Go to log in
        </Button>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Join your team on HelpStack"
      lead="You were invited to a HelpStack workspace. Choose your name and a password to accept."
      footer={
        <>
          Already a member?{' '}
          <Anchor component={Link} to="/login" fw={500}>
            Log in
          </Anchor>
        </>
      }
    >
      {session.data && (
        <Alert color="blue" variant="light" title={`You are logged in as ${session.data.user.email}`}>
          Accepting signs you in as the invited person instead.{' '}
          <Anchor component="button" type="button" onClick={() => logout.mutate()} size="sm">
            Log out first
          </Anchor>
        </Alert>
      )}
      <AcceptInviteForm token={token} onSuccess={() => void navigate({ to: '/inbox', replace: true })} />
    </AuthLayout>
  );
}
