import type { ChatItem, OutboxItem, VisitorMessage } from './types.ts';

/** One stable key per visible message: a pending message and its acknowledged copy share it. */
export const itemKey = (m: Pick<ChatItem, 'id' | 'clientMessageId'>) => (m.clientMessageId ? `c:${m.clientMessageId}` : `i:${m.id}`);

/** How an outbox entry shows before the server has it. */
export function pendingItem(o: OutboxItem, conversationId: string | null): ChatItem {
  return {
    id: `local:${o.clientMessageId}`,
    conversationId: conversationId ?? '',
    direction: 'INBOUND',
    senderType: 'CUSTOMER',
    content: o.content,
    attachments: (o.files ?? []).map(({ id, name, mimeType, size, url }) => ({ id, name, mimeType, size, url })),
    clientMessageId: o.clientMessageId,
    createdAt: o.createdAt,
    pending: true,
  };
}

const time = (m: ChatItem) => {
  const t = Date.parse(m.createdAt);
  return Number.isNaN(t) ? 0 : t;
};

/**
 * The list after `incoming` server messages arrive (a live frame, an ack, a poll or the `ready`
 * history): de-duplicated by id and by clientMessageId — the server copy replaces the pending one —
 * server messages in time order, messages still unsent after them in the order they were written.
 * Server messages already shown but absent from `incoming` are kept: a history may be only a page.
 */
export function mergeMessages(current: readonly ChatItem[], incoming: readonly VisitorMessage[]): ChatItem[] {
  const rows = new Map<string, ChatItem>();
  const keyOfId = new Map<string, string>();
  const add = (item: ChatItem) => {
    let m = item;
    const known = keyOfId.get(m.id);
    if (known !== undefined && known !== itemKey(m)) {
      // The same server message under another key (a copy without its clientMessageId): one row.
      const prior = rows.get(known);
      rows.delete(known);
      if (!m.clientMessageId && prior?.clientMessageId) m = { ...m, clientMessageId: prior.clientMessageId };
    }
    const key = itemKey(m);
    rows.set(key, m);
    keyOfId.set(m.id, key);
  };
  for (const m of current) add(m);
  for (const m of incoming) add({ ...m });
  const all = [...rows.values()];
  const sent = all.filter((m) => !m.pending).map((m, i) => [m, i] as const);
  sent.sort(([a, i], [b, j]) => time(a) - time(b) || i - j);
  return [...sent.map(([m]) => m), ...all.filter((m) => m.pending)];
}

/** Adds (or refreshes) local rows for outbox entries the list does not hold as sent yet. */
export function withPending(current: readonly ChatItem[], outbox: readonly OutboxItem[], conversationId: string | null): ChatItem[] {
  const waiting = new Set(outbox.map((o) => `c:${o.clientMessageId}`));
  const kept = current.filter((m) => !m.pending || m.failed || waiting.has(itemKey(m)));
  const present = new Set(kept.map(itemKey));
  const added = outbox.filter((o) => !present.has(`c:${o.clientMessageId}`)).map((o) => pendingItem(o, conversationId));
  return [...kept, ...added];
}

/** Agent-side messages newer than what the visitor has seen. */
export function countUnread(messages: readonly ChatItem[], seenAt: string | null): number {
  const seen = seenAt ? Date.parse(seenAt) : -Infinity;
  return messages.filter((m) => m.direction === 'OUTBOUND' && !m.pending && time(m) > seen).length;
}

/** The newest server timestamp in the list: what "seen up to" is stored as. */
export function latestTimestamp(messages: readonly ChatItem[]): string | null {
  let best: ChatItem | null = null;
  for (const m of messages) if (!m.pending && (!best || time(m) > time(best))) best = m;
  return best ? best.createdAt : null;
}
