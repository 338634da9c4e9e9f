import type { QueryClient } from '@tanstack/react-query';
import { conversationKeys } from '../features/conversations/api/keys.ts';
import { applyRealtimeEvent } from '../features/conversations/realtime/apply-realtime-event.ts';
import { clearTypingStore } from '../features/conversations/stores/typing-store.ts';
import { getSessionQueryOptions } from '../features/auth/api/get-session.ts';
import { invitationsKey } from '../features/members/api/get-invitations.ts';
import { applyPresence, membersKey } from '../features/members/api/get-members.ts';
import { applyTeamEvent } from '../features/members/realtime/apply-team-event.ts';
import { notificationKeys } from '../features/notifications/api/keys.ts';
import { applyNotificationEvent } from '../features/notifications/realtime/apply-notification-event.ts';
import { RealtimeConnection } from '../lib/realtime-connection.ts';

export const realtimeUrl = (location: Location = window.location) =>
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/realtime`;

/**
 * Wires the agent socket to the query cache: each event is applied in place by its feature. Lists are
 * refetched once when the first connection is live, then only when the server says its history cannot bring
 * us up to date (`resync`), debounced.
 */
export function createRealtimeSync({ queryClient, meId, onSessionEnded }: { queryClient: QueryClient; meId: string; onSessionEnded: () => void }) {
  let countsTimer: ReturnType<typeof setTimeout> | undefined;
  let resyncTimer: ReturnType<typeof setTimeout> | undefined;

  const refreshCountsSoon = () => {
    clearTimeout(countsTimer);
    countsTimer = setTimeout(() => void queryClient.invalidateQueries({ queryKey: conversationKeys.counts() }), 2_000);
  };

  const connection = new RealtimeConnection({
    url: realtimeUrl(),
    onEvent: (frame) => {
      if (applyTeamEvent(queryClient, frame)) {
        // My own role changed (or I was removed): what I may do comes from the session.
        if (frame.type === 'member.changed' && frame.data.userId === meId) void queryClient.invalidateQueries({ queryKey: getSessionQueryOptions().queryKey });
        return;
      }
      applyRealtimeEvent(queryClient, frame, { meId, refreshCountsSoon });
    },
    onSignal: (frame) => {
      if (frame.type === 'presence') applyPresence(queryClient, frame.data);
      else if (!applyNotificationEvent(queryClient, frame)) applyRealtimeEvent(queryClient, frame, { meId, refreshCountsSoon });
    },
    onReady: ({ resync, first }) => {
      if (first) {
        // What the page loaded before the socket was live may miss an event committed in between (the first
        // connection has no cursor to replay from): read the loaded lists once more, now that nothing is missed.
        void queryClient.invalidateQueries({ queryKey: conversationKeys.all });
        void queryClient.invalidateQueries({ queryKey: membersKey });
        void queryClient.invalidateQueries({ queryKey: notificationKeys.list() });
        return;
      }
      // Notifications are per-user signals, never replayed: after any reconnect, re-read the bell's list.
      void queryClient.invalidateQueries({ queryKey: notificationKeys.list() });
      if (!resync) return;
      clearTimeout(resyncTimer);
      resyncTimer = setTimeout(() => {
        void queryClient.invalidateQueries({ queryKey: conversationKeys.all });
        void queryClient.invalidateQueries({ queryKey: membersKey });
        void queryClient.invalidateQueries({ queryKey: invitationsKey });
      }, 300);
    },
    onSessionEnded,
  });

  return {
    connection,
    dispose() {
      clearTimeout(countsTimer);
      clearTimeout(resyncTimer);
      connection.stop();
      clearTypingStore();
    },
  };
}
