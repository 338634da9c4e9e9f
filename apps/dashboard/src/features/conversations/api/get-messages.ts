import type { List } from '@helpstack/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { ChatMessage } from '../utils/cache-updates.ts';
import { conversationKeys } from './keys.ts';

export const MESSAGES_PAGE_SIZE = 50;

export const getMessages = (conversationId: string, cursor: string | null, signal?: AbortSignal) =>
  api.get<List<ChatMessage>>(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, {
    query: { pageSize: MESSAGES_PAGE_SIZE, cursor },
    signal,
  });

/** Newest page first; each next page is older (the API's cursor direction). Realtime appends new ones. */
export const getMessagesQueryOptions = (conversationId: string) =>
  infiniteQueryOptions({
    queryKey: conversationKeys.messages(conversationId),
    queryFn: ({ pageParam, signal }) => getMessages(conversationId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.pagination.nextCursor ?? undefined,
    staleTime: Infinity,
  });

export const useMessages = (conversationId: string) => useInfiniteQuery(getMessagesQueryOptions(conversationId));
