import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ConnectionState, RealtimeConnection } from './realtime-connection.ts';

export const RealtimeContext = createContext<RealtimeConnection | null>(null);

const offline = () => () => {};

/** The live connection's state, re-rendering on change ('offline' outside the signed-in app). */
export function useConnectionState(): ConnectionState {
  const connection = useContext(RealtimeContext);
  return useSyncExternalStore(connection?.subscribe ?? offline, connection?.getState ?? (() => 'offline'));
}

/** Sends typing frames over the shared socket; a no-op while disconnected. */
export function useSendTyping(): (conversationId: string, typing: boolean) => void {
  const connection = useContext(RealtimeContext);
  return (conversationId, typing) => {
    connection?.sendTyping(conversationId, typing);
  };
}
