import type { QueryClient } from '@tanstack/react-query';
import { conversationKeys } from '../features/conversations/api/keys.ts';
import { applyRealtimeEvent } from '../features/conversations/realtime/apply-realtime-event.ts';
import { clearTypingStore } from '../features/conversations/stores/typing-store.ts';
import { applyPresence, membersKey } from '../features/members/api/get-members.ts';
import { RealtimeConnection } from '../lib/realtime-connection.ts';

export const realtimeUrl = (location: Location = window.location) =>
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/realtime`;

/**
 * Wires the agent socket to the query cache: each event is applied in place by its feature. Lists are
 * only refetched when the server says its history cannot bring us up to date (`resync`), debounced.
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
      applyRealtimeEvent(queryClient, frame, { meId, refreshCountsSoon });
    },
    onSignal: (frame) => {
      if (frame.type === 'presence') applyPresence(queryClient, frame.data);
      else applyRealtimeEvent(queryClient, frame, { meId, refreshCountsSoon });
    },
    onReady: ({ resync }) => {
      if (!resync) return;
      clearTimeout(resyncTimer);
      resyncTimer = setTimeout(() => {
        void queryClient.invalidateQueries({ queryKey: conversationKeys.all });
        void queryClient.invalidateQueries({ queryKey: membersKey });
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
