import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { Outlet, useNavigate, useRouteContext } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { NavRail } from '../../../components/layout/nav-rail.tsx';
import { ShortcutsHelp } from '../../../components/ui/shortcuts-help.tsx';
import { useShortcuts } from '../../../hooks/use-shortcuts.ts';
import { useSession } from '../../../features/auth/api/get-session.ts';
import { useLogout } from '../../../features/auth/api/logout.ts';
import { useConversationCounts } from '../../../features/conversations/api/get-conversation-counts.ts';
import { NotificationBell } from '../../../features/notifications/components/notification-bell.tsx';
import { useNotificationClicks } from '../../../features/notifications/hooks/use-notification-clicks.ts';
import { messageOf } from '../../../lib/form-errors.ts';
import { RealtimeContext, useConnectionState } from '../../../lib/realtime-context.tsx';
import { viewerOf, ViewerContext } from '../../../lib/viewer.tsx';
import { AppCommandPalette } from '../../command-palette.tsx';
import { createRealtimeSync } from '../../realtime-sync.ts';

function useUnreadTitle() {
  const counts = useConversationCounts({});
  const unread = counts.data?.OPEN?.unread ?? 0;
  useDocumentTitle(unread ? `(${unread}) HelpStack` : 'HelpStack');
  return unread;
}

/** The signed-in shell: navigation rail, one realtime socket for the whole app, global shortcuts. */
export function AppLayout() {
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { expireSession } = useRouteContext({ from: '__root__' });
  const data = session.data;
  const viewer = useMemo(() => (data ? viewerOf(data) : null), [data]);
  const [sync, setSync] = useState<ReturnType<typeof createRealtimeSync> | null>(null);
  const [helpOpened, help] = useDisclosure(false);

  const userId = viewer?.userId;
  useEffect(() => {
    if (!userId) return;
    const created = createRealtimeSync({ queryClient, meId: userId, onSessionEnded: expireSession });
    created.connection.start();
    setSync(created);
    return () => created.dispose();
  }, [queryClient, userId, expireSession]);

  const logout = useLogout({
    mutationConfig: {
      onSuccess: () => void navigate({ to: '/login' }),
      onError: (error) => notifications.show({ color: 'red', title: 'Could not log out', message: messageOf(error) }),
    },
  });

  useShortcuts({ 'show-help': help.open });
  useNotificationClicks();

  if (!viewer) return null;
  return (
    <ViewerContext.Provider value={viewer}>
      <RealtimeContext.Provider value={sync?.connection ?? null}>
        <Shell viewer={viewer} onHelp={help.open} onLogout={() => logout.mutate()} />
        <ShortcutsHelp opened={helpOpened} onClose={help.close} />
        <AppCommandPalette />
      </RealtimeContext.Provider>
    </ViewerContext.Provider>
  );
}

function Shell({ viewer, onHelp, onLogout }: { viewer: ReturnType<typeof viewerOf>; onHelp: () => void; onLogout: () => void }) {
  const unread = useUnreadTitle();
  const connection = useConnectionState();
  return (
    <div className="app-shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <NavRail viewer={viewer} unread={unread} connection={connection} onHelp={onHelp} onLogout={onLogout} bell={<NotificationBell />} />
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
