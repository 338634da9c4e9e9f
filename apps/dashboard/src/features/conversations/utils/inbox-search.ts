import type { ConversationStatus } from '@helpstack/contracts';
import { CONVERSATION_STATUSES as conversationStatuses } from '../../../lib/contract-constants.ts';
import type { ConversationFilters } from './conversation-filters.ts';
import { parseDateRange } from './date-range.ts';

/**
 * The inbox's state in the URL (search params), so a view can be bookmarked, shared and restored with
 * Back. Short keys; defaults are left out of the URL.
 */
export type InboxSearch = {
  /** Absent: OPEN. */
  status?: ConversationStatus;
  channel?: string;
  /** `me`, `none` (unassigned) or a user id; absent: anyone. */
  assignee?: string;
  unread?: boolean;
  lang?: string;
  /** A tag id. */
  tag?: string;
  /** The Snoozed view (PENDING conversations with a snooze). */
  snoozed?: boolean;
  /** Last activity at or after this ISO date-time. */
  since?: string;
  /** Last activity before this ISO date-time (exclusive). */
  until?: string;
  /** Searches every status unless a status tab is picked (CONTRACT §12 "search everywhere"). */
  q?: string;
};

export const DEFAULT_STATUS: ConversationStatus = 'OPEN';

const text = (value: unknown, max: number): string | undefined => {
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed && trimmed.length <= max ? trimmed : undefined;
};

/** Untrusted search params (hand-edited URLs included) to a valid InboxSearch; bad values are dropped. */
export function parseInboxSearch(raw: Record<string, unknown>): InboxSearch {
  const search: InboxSearch = {};
  const status = typeof raw.status === 'string' ? raw.status.toUpperCase() : undefined;
  // OPEN is the default and left out, except beside a search, where leaving it out means every status.
  const searching = typeof raw.q === 'string' ? raw.q.trim() !== '' : typeof raw.q === 'number';
  if (status && (status !== DEFAULT_STATUS || searching) && (conversationStatuses as readonly string[]).includes(status)) {
    search.status = status as ConversationStatus;
  }
  const channel = text(raw.channel, 100);
  if (channel) search.channel = channel;
  const assignee = text(raw.assignee, 100);
  if (assignee) search.assignee = assignee;
  if (raw.unread === true || raw.unread === 'true' || raw.unread === '1' || raw.unread === 1) search.unread = true;
  const tag = text(raw.tag, 100);
  if (tag) search.tag = tag;
  if (raw.snoozed === true || raw.snoozed === 'true' || raw.snoozed === '1' || raw.snoozed === 1) search.snoozed = true;
  const lang = text(raw.lang, 16);
  if (lang && lang.length >= 2) search.lang = lang.toLowerCase();
  Object.assign(search, parseDateRange(raw));
  const q = typeof raw.q === 'string' ? raw.q.slice(0, 200) : typeof raw.q === 'number' ? String(raw.q) : undefined;
  if (q && q.trim()) search.q = q;
  return search;
}

export const statusOf = (search: InboxSearch): ConversationStatus => search.status ?? DEFAULT_STATUS;

/** The API filters an inbox view asks for. */
export function inboxFilters(search: InboxSearch): ConversationFilters {
  // A search looks in every status unless a tab other than the default was picked; the Snoozed view is PENDING.
  const everywhere = Boolean(search.q?.trim()) && !search.status && !search.snoozed;
  const filters: ConversationFilters = everywhere ? {} : { status: search.snoozed ? 'PENDING' : statusOf(search) };
  if (search.tag) filters.tag = search.tag;
  if (search.snoozed) filters.snoozed = true;
  if (search.channel) filters.channelId = search.channel;
  if (search.assignee) filters.assignedToId = search.assignee;
  if (search.unread) filters.unread = true;
  if (search.lang) filters.language = search.lang;
  if (search.since) filters.since = search.since;
  if (search.until) filters.until = search.until;
  if (search.q?.trim()) filters.search = search.q.trim();
  return filters;
}

/** The filters of the tab counts: everything but the status tab and the free-text search. */
export function countFilters(search: InboxSearch): Omit<ConversationFilters, 'status' | 'search' | 'snoozed'> {
  const { status: _status, search: _search, snoozed: _snoozed, ...rest } = inboxFilters(search);
  return rest;
}

/** How many filters besides status and search are on (for the "Filters" button's badge). */
export const activeFilterCount = (search: InboxSearch) =>
  [search.channel, search.assignee, search.unread, search.lang, search.tag, search.since || search.until].filter(Boolean).length;
