import type { Conversation } from '@helpstack/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { applyCountsChange, removeConversation, upsertConversation, type ConversationCounts, type ConversationPages } from '../utils/cache-updates.ts';
import { matchesFilters, type ConversationFilters } from '../utils/conversation-filters.ts';
import { findCachedConversation } from './get-conversation.ts';
import { conversationKeys } from './keys.ts';

/**
 * Writes one conversation's new state into every cache that shows it: its detail, each loaded list
 * (inserted, moved or removed per that list's filters) and each tab count. Realtime events and
 * optimistic mutations both go through here, so the inbox never refetches a list to stay current.
 *
 * `previous` is what the caches showed before (null: it did not exist; undefined: unknown). Returns
 * false when it was unknown, i.e. the tab counts could not be moved exactly.
 */
export function writeConversation(
  queryClient: QueryClient,
  next: Conversation,
  meId: string | null,
  previous: Conversation | null | undefined,
): boolean {
  queryClient.setQueryData<Conversation>(conversationKeys.detail(next.id), (old) => (old ? next : old));
  for (const [key, data] of queryClient.getQueriesData<ConversationPages>({ queryKey: conversationKeys.lists() })) {
    const filters = key[2] as ConversationFilters;
    const updated = upsertConversation(data, next, matchesFilters(next, filters, meId));
    if (updated !== data) queryClient.setQueryData(key, updated);
  }
  if (previous === undefined) return false;
  moveCounts(queryClient, previous, next, meId);
  return true;
}

export function deleteConversationFromCaches(queryClient: QueryClient, id: string, meId: string | null): boolean {
  const previous = findCachedConversation(queryClient, id);
  for (const [key, data] of queryClient.getQueriesData<ConversationPages>({ queryKey: conversationKeys.lists() })) {
    const updated = removeConversation(data, id);
    if (updated !== data) queryClient.setQueryData(key, updated);
  }
  queryClient.removeQueries({ queryKey: conversationKeys.detail(id), exact: true });
  queryClient.removeQueries({ queryKey: conversationKeys.messages(id), exact: true });
  if (!previous) return false;
  moveCounts(queryClient, previous, null, meId);
  return true;
}

function moveCounts(queryClient: QueryClient, previous: Conversation | null, next: Conversation | null, meId: string | null) {
  for (const [key, counts] of queryClient.getQueriesData<ConversationCounts>({ queryKey: conversationKeys.counts() })) {
    const filters = key[2] as ConversationFilters;
    const isCounted = (c: Conversation) => matchesFilters(c, filters, meId) !== false;
    const updated = applyCountsChange(counts, previous, next, isCounted);
    if (updated !== counts) queryClient.setQueryData(key, updated);
  }
}
