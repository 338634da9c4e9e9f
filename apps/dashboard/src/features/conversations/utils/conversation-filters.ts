import type { Conversation, ConversationStatus } from '@helpstack/contracts';
import { inDateRange } from './date-range.ts';

/** What a conversation list asks the API for (GET /api/conversations query, minus paging). */
export type ConversationFilters = {
  status?: ConversationStatus;
  channelId?: string;
  /** A user id, `me` or `none` (unassigned); absent: anyone. */
  assignedToId?: string;
  unread?: boolean;
  language?: string;
  /** A tag id: conversations carrying it. */
  tag?: string;
  /** true: snoozed ones only (the Snoozed view). */
  snoozed?: boolean;
  /** Last activity in [since, until) (ISO date-times). */
  since?: string;
  until?: string;
  search?: string;
};

/** The query string of a list request. */
export function filtersToQuery(filters: ConversationFilters): Record<string, string | boolean | undefined> {
  return {
    status: filters.status,
    channelId: filters.channelId,
    assignedToId: filters.assignedToId,
    unread: filters.unread ? true : undefined,
    language: filters.language,
    tag: filters.tag,
    snoozed: filters.snoozed ? true : undefined,
    since: filters.since,
    until: filters.until,
    search: filters.search || undefined,
  };
}

/**
 * Whether a conversation belongs in a list with these filters, as the server would decide.
 * `unknown` with a search: relevance ranking is the server's, so such lists are only patched in place.
 */
export function matchesFilters(conversation: Conversation, filters: ConversationFilters, meId: string | null): boolean | 'unknown' {
  if (filters.status && conversation.status !== filters.status) return false;
  if (filters.channelId && conversation.channelId !== filters.channelId) return false;
  if (filters.unread && !conversation.unread) return false;
  if (filters.language && conversation.language !== filters.language) return false;
  if (filters.tag && !conversation.tags.some((t) => t.id === filters.tag)) return false;
  if (filters.snoozed && !conversation.snoozedUntil) return false;
  if ((filters.since || filters.until) && !inDateRange(conversation.lastMessageAt, filters)) return false;
  if (filters.assignedToId) {
    const wanted = filters.assignedToId === 'me' ? meId : filters.assignedToId === 'none' ? null : filters.assignedToId;
    if (filters.assignedToId === 'me' && meId === null) return 'unknown';
    if (conversation.assignedToId !== wanted) return false;
  }
  if (filters.search) return 'unknown';
  return true;
}

/** The server's list order: newest activity first, then id descending. Negative: `a` comes first. */
export function compareConversations(a: Pick<Conversation, 'lastMessageAt' | 'id'>, b: Pick<Conversation, 'lastMessageAt' | 'id'>): number {
  const at = Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt);
  if (at !== 0) return at;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
