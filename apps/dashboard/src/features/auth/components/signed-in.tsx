import type { SessionInfo } from '@helpstack/contracts';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { getFormErrors } from '../../../lib/form-errors.ts';
import { useLogout } from '../api/logout.ts';

export function SignedIn({ session }: { session: SessionInfo }) {
  const logout = useLogout();
  const { user, organization, role } = session;

  return (
    <section className="card" aria-labelledby="signed-in-title">
      <h1 id="signed-in-title">You’re signed in</h1>
      <p className="signed-in-summary">
        Signed in as <strong>{user.name}</strong> ({user.email}) — {role} at <strong>{organization.name}</strong>
      </p>
      <FormAlert message={getFormErrors(logout.error, []).message} />
      <button type="button" className="button-secondary" onClick={() => logout.mutate()} disabled={logout.isPending}>
        {logout.isPending ? 'Logging out…' : 'Log out'}
      </button>
    </section>
  );
}
