import { Anchor, Group } from '@mantine/core';
import { getRouteApi, Link } from '@tanstack/react-router';
import { AuthLayout } from '../../../components/layout/auth-layout.tsx';
import { LoginForm } from '../../../features/auth/components/login-form.tsx';

const route = getRouteApi('/login');

export function LoginRoute() {
  const { redirect } = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <AuthLayout
      title="Log in"
      lead="Welcome back. Log in to your HelpStack workspace."
      footer={
        <>
          New to HelpStack?{' '}
          <Anchor fw={500} renderRoot={(props) => <Link {...props} to="/signup" search={redirect ? { redirect } : {}} />}>
            Create an account
          </Anchor>
        </>
      }
    >
      <LoginForm onSuccess={() => void navigate({ href: redirect ?? '/inbox', replace: true })} />
      <Group justify="center">
        <Anchor component={Link} to="/forgot-password" size="sm">
          Forgot password?
        </Anchor>
      </Group>
    </AuthLayout>
  );
}
