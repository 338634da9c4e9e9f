import type { Conversation, ConversationStatus, List, Message } from '@helpstack/contracts';
import type { InfiniteData } from '@tanstack/react-query';
import { compareConversations } from './conversation-filters.ts';

/**
 * Pure updates of cached pages, applied by realtime events and by optimistic mutations alike. Each
 * returns its input unchanged (same reference) when nothing changed, so React Query notifies no one.
 */

export type ConversationPage = List<Conversation>;
export type ConversationPages = InfiniteData<ConversationPage, string | null>;

type Position = { page: number; index: number };

function positionOf<T extends { id: string }>(pages: { items: T[] }[], id: string): Position | null {
  for (let page = 0; page < pages.length; page++) {
    const index = pages[page]!.items.findIndex((item) => item.id === id);
    if (index !== -1) return { page, index };
  }
  return null;
}

export function findInPages<T extends { id: string }>(data: InfiniteData<List<T>, unknown> | undefined, id: string): T | undefined {
  if (!data) return undefined;
  const at = positionOf(data.pages, id);
  return at ? data.pages[at.page]!.items[at.index] : undefined;
}

const withTotal = (pages: ConversationPage[], delta: number): ConversationPage[] =>
  delta === 0
    ? pages
    : pages.map((p) => ({ ...p, pagination: { ...p.pagination, total: Math.max(0, p.pagination.total + delta) } }));

/**
 * Puts a conversation where the server would list it: replaced in place, moved (newer activity goes
 * to the top), inserted (new, or now matching the list's filters) or removed (no longer matching).
 * `matches: 'unknown'` (search lists, ranked by the server) only replaces an entry already shown.
 */
export function upsertConversation(data: ConversationPages | undefined, conversation: Conversation, matches: boolean | 'unknown'): ConversationPages | undefined {
  if (!data) return data;
  const at = positionOf(data.pages, conversation.id);

  if (matches === 'unknown') {
    if (!at) return data;
    const pages = data.pages.map((p, i) =>
      i === at.page ? { ...p, items: p.items.map((c, j) => (j === at.index ? conversation : c)) } : p,
    );
    return { ...data, pages };
  }

  // Unchanged position: a plain replace keeps every other page reference stable.
  if (at && matches) {
    const items = data.pages.flatMap((p) => p.items);
    const flatIndex = data.pages.slice(0, at.page).reduce((n, p) => n + p.items.length, 0) + at.index;
    const before = items[flatIndex - 1];
    const after = items[flatIndex + 1];
    if ((!before || compareConversations(before, conversation) < 0) && (!after || compareConversations(conversation, after) < 0)) {
      const pages = data.pages.map((p, i) =>
        i === at.page ? { ...p, items: p.items.map((c, j) => (j === at.index ? conversation : c)) } : p,
      );
      return { ...data, pages };
    }
  }

  let pages = at
    ? data.pages.map((p, i) => (i === at.page ? { ...p, items: p.items.filter((_, j) => j !== at.index) } : p))
    : data.pages;

  if (!matches) return at ? { ...data, pages: withTotal(pages, -1) } : data;

  // First loaded entry that should come after the conversation: insert right before it.
  let target: Position | null = null;
  for (let page = 0; page < pages.length && !target; page++) {
    const index = pages[page]!.items.findIndex((c) => compareConversations(conversation, c) < 0);
    if (index !== -1) target = { page, index };
  }
  if (!target) {
    const lastPage = pages[pages.length - 1];
    // Older than everything loaded while more pages exist: it arrives with those pages.
    if (!lastPage || lastPage.pagination.nextCursor) return { ...data, pages: withTotal(pages, at ? 0 : 1) };
    target = { page: pages.length - 1, index: lastPage.items.length };
  }
  const { page: targetPage, index: targetIndex } = target;
  pages = pages.map((p, i) =>
    i === targetPage ? { ...p, items: [...p.items.slice(0, targetIndex), conversation, ...p.items.slice(targetIndex)] } : p,
  );
  return { ...data, pages: withTotal(pages, at ? 0 : 1) };
}

export function removeConversation(data: ConversationPages | undefined, id: string): ConversationPages | undefined {
  if (!data) return data;
  const at = positionOf(data.pages, id);
  if (!at) return data;
  const pages = data.pages.map((p, i) => (i === at.page ? { ...p, items: p.items.filter((c) => c.id !== id) } : p));
  return { ...data, pages: withTotal(pages, -1) };
}

// ---- tab counts ---------------------------------------------------------------------------

export type StatusCount = { total: number; unread: number };
/** Per status tab; a status without an entry is not counted. */
export type ConversationCounts = Partial<Record<ConversationStatus, StatusCount>>;

/**
 * Moves a conversation between tab counts: `previous` leaves its tab, `next` joins its tab.
 * `counts` decides whether each belongs to the counted set (the non-status filters).
 */
export function applyCountsChange(
  counts: ConversationCounts | undefined,
  previous: Conversation | null,
  next: Conversation | null,
  isCounted: (c: Conversation) => boolean,
): ConversationCounts | undefined {
  if (!counts) return counts;
  const was = previous && isCounted(previous) ? previous : null;
  const now = next && isCounted(next) ? next : null;
  if (was?.status === now?.status && was?.unread === now?.unread && Boolean(was) === Boolean(now)) return counts;
  const result = { ...counts };
  const bump = (c: Conversation, delta: number) => {
    const current = result[c.status];
    if (!current) return;
    result[c.status] = {
      total: Math.max(0, current.total + delta),
      unread: Math.max(0, current.unread + (c.unread ? delta : 0)),
    };
  };
  if (was) bump(was, -1);
  if (now) bump(now, +1);
  return result;
}

// ---- messages -------------------------------------------------------------------------------

/** A message as the conversation view holds it: the server's, or a reply still on its way. */
export type ChatMessage = Message & {
  local?: { state: 'sending' | 'failed'; error?: string; attachmentPaths?: string[] };
};
export type MessagePage = List<ChatMessage>;
/** pages[0] is the newest page; each page is oldest→newest (the API's order). */
export type MessagePages = InfiniteData<MessagePage, string | null>;

/** Every loaded message, oldest first. */
export function flattenMessages(data: InfiniteData<MessagePage, unknown> | undefined): ChatMessage[] {
  if (!data) return [];
  const out: ChatMessage[] = [];
  for (let i = data.pages.length - 1; i >= 0; i--) out.push(...data.pages[i]!.items);
  return out;
}

function replaceAt(data: MessagePages, at: Position, message: ChatMessage): MessagePages {
  return {
    ...data,
    pages: data.pages.map((p, i) => (i === at.page ? { ...p, items: p.items.map((m, j) => (j === at.index ? message : m)) } : p)),
  };
}

function appendNewest(data: MessagePages, message: ChatMessage): MessagePages {
  const [newest, ...rest] = data.pages;
  if (!newest) return data;
  return {
    ...data,
    pages: [{ ...newest, items: [...newest.items, message], pagination: { ...newest.pagination, total: newest.pagination.total + 1 } }, ...rest],
  };
}

/**
 * A new message from the server (realtime `message.created`). Already shown: replaced. The agent's own
 * optimistic reply with the same text: swapped for the stored message in place. Otherwise appended.
 */
export function addMessage(data: MessagePages | undefined, message: Message, meId: string | null): MessagePages | undefined {
  if (!data) return data;
  const at = positionOf(data.pages, message.id);
  if (at) return replaceAt(data, at, message);
  // A note is never an optimistic reply, even with the same words.
  if (message.direction === 'OUTBOUND' && !message.private && meId && message.authorId === meId) {
    for (let page = 0; page < data.pages.length; page++) {
      const index = data.pages[page]!.items.findIndex((m) => m.local?.state === 'sending' && m.content === message.content);
      if (index !== -1) return replaceAt(data, { page, index }, message);
    }
  }
  return appendNewest(data, message);
}

const DELIVERY_RANK: Record<Message['status'], number> = { PENDING: 0, FAILED: 0, SENT: 1, DELIVERED: 2, READ: 3 };

/**
 * Whether `incoming` is older than what is shown. An HTTP answer (send, approve, retry) can arrive
 * after the realtime update that delivery published for the same message: it must not turn a
 * "Delivered" back into "Queued". Attempts only grow; within one attempt the status only advances.
 */
export function isStaleMessage(incoming: Message, current: Message): boolean {
  if (incoming.attempts !== current.attempts) return incoming.attempts < current.attempts;
  return DELIVERY_RANK[incoming.status] < DELIVERY_RANK[current.status];
}

/** A changed message (delivery status, approval, translation); unknown ids are left to paging. */
export function updateMessage(data: MessagePages | undefined, message: Message): MessagePages | undefined {
  if (!data) return data;
  const at = positionOf(data.pages, message.id);
  if (!at) return data;
  const current = data.pages[at.page]!.items[at.index]!;
  if (!current.local && isStaleMessage(message, current)) return data;
  return replaceAt(data, at, { ...current, ...message, local: undefined });
}

/** The answer of the send request for an optimistic reply `tempId`. */
export function reconcileSent(data: MessagePages | undefined, tempId: string, message: Message): MessagePages | undefined {
  if (!data) return data;
  const temp = positionOf(data.pages, tempId);
  const stored = positionOf(data.pages, message.id);
  // Realtime got there first: what it shows is at least as new as this answer. (A note has no optimistic
  // copy: its "temp" id is its own, and the one copy realtime put there must stay.)
  if (temp && stored && tempId !== message.id) return removeMessage(data, tempId);
  if (stored) return updateMessage(data, message);
  if (temp) return replaceAt(data, temp, message);
  return appendNewest(data, message);
}

export function patchMessage(data: MessagePages | undefined, id: string, patch: (m: ChatMessage) => ChatMessage): MessagePages | undefined {
  if (!data) return data;
  const at = positionOf(data.pages, id);
  return at ? replaceAt(data, at, patch(data.pages[at.page]!.items[at.index]!)) : data;
}

export function removeMessage(data: MessagePages | undefined, id: string): MessagePages | undefined {
  if (!data) return data;
  const at = positionOf(data.pages, id);
  if (!at) return data;
  return {
    ...data,
    pages: data.pages.map((p, i) =>
      i === at.page ? { ...p, items: p.items.filter((m) => m.id !== id), pagination: { ...p.pagination, total: Math.max(0, p.pagination.total - 1) } } : p,
    ),
  };
}

export { appendNewest as appendMessage };
