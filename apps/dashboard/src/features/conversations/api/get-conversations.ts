import type { Conversation, List } from '@helpstack/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { filtersToQuery, type ConversationFilters } from '../utils/conversation-filters.ts';
import { conversationKeys } from './keys.ts';

export const CONVERSATIONS_PAGE_SIZE = 50;

export const getConversations = (filters: ConversationFilters, cursor: string | null, signal?: AbortSignal) =>
  api.get<List<Conversation>>('/api/conversations', {
    query: { ...filtersToQuery(filters), pageSize: CONVERSATIONS_PAGE_SIZE, cursor },
    signal,
  });

/** Keyset pages (`cursor`), newest activity first; realtime keeps them current, so they are never stale by time. */
export const getConversationsQueryOptions = (filters: ConversationFilters) =>
  infiniteQueryOptions({
    queryKey: conversationKeys.list(filters),
    queryFn: ({ pageParam, signal }) => getConversations(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.pagination.nextCursor ?? undefined,
    staleTime: Infinity,
    // Switching tabs back and forth should not refetch 40 pages: keep what was scrolled for a while.
    gcTime: 5 * 60_000,
  });

export const useConversations = (filters: ConversationFilters) => useInfiniteQuery(getConversationsQueryOptions(filters));
