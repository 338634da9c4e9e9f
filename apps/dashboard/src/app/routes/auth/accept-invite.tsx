import { Alert, Anchor, Button, Center, Loader } from '@mantine/core';
import { getRouteApi, Link } from '@tanstack/react-router';
import { AuthLayout } from '../../../components/layout/auth-layout.tsx';
import { QueryError } from '../../../components/ui/query-error.tsx';
import { useInvitationPreview } from '../../../features/auth/api/get-invitation-preview.ts';
import { useSession } from '../../../features/auth/api/get-session.ts';
import { useLogout } from '../../../features/auth/api/logout.ts';
import { AcceptInviteForm } from '../../../features/auth/components/accept-invite-form.tsx';
import { InvitationSummary } from '../../../features/auth/components/invitation-summary.tsx';

const route = getRouteApi('/accept-invite');

export function AcceptInviteRoute() {
  const { token } = route.useSearch();
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

  return <AcceptInvitation token={token} />;
}

/** The invitation's workspace, role and address first (the preview), then the form; a dead link says so instead. */
function AcceptInvitation({ token }: { token: string }) {
  const navigate = route.useNavigate();
  const session = useSession();
  const logout = useLogout();
  const preview = useInvitationPreview(token);

  if (preview.isPending) {
    return (
      <AuthLayout title="Join your team on HelpStack">
        <Center py="lg">
          <Loader aria-label="Loading the invitation" />
        </Center>
      </AuthLayout>
    );
  }
  if (preview.isError) {
    return (
      <AuthLayout title="Join your team on HelpStack">
        <QueryError error={preview.error} onRetry={() => void preview.refetch()} />
      </AuthLayout>
    );
  }
  if (!preview.data) {
    return (
      <AuthLayout title="This invitation is no longer valid">
        <Alert color="yellow" variant="light">
          The link has expired, was already used, or was replaced by a newer invitation. Ask your admin to invite you again.
        </Alert>
        <Button component={Link} to="/login" variant="default">
          Go to log in
        </Button>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title={`Join ${preview.data.organizationName} on HelpStack`}
      lead="Choose your name and a password to accept. If this address already has a HelpStack account, use its password."
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
      <InvitationSummary preview={preview.data} />
      <AcceptInviteForm token={token} onSuccess={() => void navigate({ to: '/inbox', replace: true })} />
    </AuthLayout>
  );
}
