import { useSyncExternalStore } from 'react';

/**
 * Who is typing where, from realtime `typing` events. Entries expire on their own: a lost
 * "stopped typing" (closed tab, dropped socket) must not leave "typing…" on screen forever.
 */
const EXPIRY_MS = 6_000;
export const VISITOR = 'visitor';

type Typists = ReadonlyMap<string, number>;
const byConversation = new Map<string, Typists>();
const listeners = new Set<() => void>();
const timers = new Map<string, ReturnType<typeof setTimeout>>();
const EMPTY: readonly string[] = [];
const snapshots = new Map<string, readonly string[]>();

function emit(conversationId: string) {
  const typists = byConversation.get(conversationId);
  snapshots.set(conversationId, typists && typists.size ? [...typists.keys()] : EMPTY);
  for (const listener of listeners) listener();
}

/** Records a typing event; `who` is a user id or VISITOR. */
export function setTyping(conversationId: string, who: string, typing: boolean) {
  const key = `${conversationId}\u0000${who}`;
  clearTimeout(timers.get(key));
  timers.delete(key);
  const next = new Map(byConversation.get(conversationId));
  if (typing) {
    next.set(who, Date.now());
    timers.set(key, setTimeout(() => setTyping(conversationId, who, false), EXPIRY_MS));
  } else if (!next.delete(who)) {
    return;
  }
  if (next.size) byConversation.set(conversationId, next);
  else byConversation.delete(conversationId);
  emit(conversationId);
}

export function clearTypingStore() {
  for (const timer of timers.values()) clearTimeout(timer);
  timers.clear();
  const ids = [...byConversation.keys()];
  byConversation.clear();
  for (const id of ids) emit(id);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Who is typing in a conversation right now (user ids and/or VISITOR). */
export function useTypists(conversationId: string): readonly string[] {
  return useSyncExternalStore(subscribe, () => snapshots.get(conversationId) ?? EMPTY);
}
