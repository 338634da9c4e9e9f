import { notifications } from '@mantine/notifications';
import { hashKey } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { getSessionQueryOptions } from '../features/auth/api/get-session.ts';
import { createQueryClient } from '../lib/react-query.ts';
import { AppProvider } from './provider.tsx';
import { createAppRouter } from './router.tsx';

const sessionKey = getSessionQueryOptions().queryKey;
let expiring = false;

/**
 * Session expiry: the first 401 of a signed-in app drops every cached query (nothing of the old
 * session may linger), tells the agent why, and sends them to log in with the way back in `redirect`.
 */
function expireSession() {
  if (expiring || !queryClient.getQueryData(sessionKey)) return;
  expiring = true;
  const redirect = router.state.location.href;
  queryClient.setQueryData(sessionKey, null);
  queryClient.removeQueries({ predicate: (query) => query.queryHash !== hashKey(sessionKey) });
  notifications.show({ id: 'session-expired', color: 'yellow', title: 'Your session has ended', message: 'Log in again to pick up where you left off.' });
  void router.navigate({ to: '/login', search: { redirect } }).finally(() => {
    expiring = false;
  });
}

const queryClient = createQueryClient({ onUnauthorized: expireSession });
const router = createAppRouter({ queryClient, expireSession });

export function App() {
  return (
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
