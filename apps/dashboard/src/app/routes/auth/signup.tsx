import { Anchor } from '@mantine/core';
import { getRouteApi, Link } from '@tanstack/react-router';
import { AuthLayout } from '../../../components/layout/auth-layout.tsx';
import { SignupForm } from '../../../features/auth/components/signup-form.tsx';

const route = getRouteApi('/signup');

export function SignupRoute() {
  const { redirect } = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <AuthLayout
      title="Create your workspace"
      lead="Start a HelpStack workspace for your team. You can invite everyone next."
      footer={
        <>
          Already have an account?{' '}
          <Anchor fw={500} renderRoot={(props) => <Link {...props} to="/login" search={redirect ? { redirect } : {}} />}>
            Log in
          </Anchor>
        </>
      }
    >
      <SignupForm onSuccess={() => void navigate({ href: redirect ?? '/settings/channels', replace: true })} />
    </AuthLayout>
  );
}
