import type { Conversation } from '@helpstack/contracts';
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { findInPages, type ConversationPages } from '../utils/cache-updates.ts';
import { conversationKeys } from './keys.ts';

export const getConversation = (id: string, signal?: AbortSignal) =>
  api.get<Conversation>(`/api/conversations/${encodeURIComponent(id)}`, { signal });

/** The conversation as any cached list shows it, so opening one from the inbox renders at once. */
export function findCachedConversation(queryClient: QueryClient, id: string): Conversation | undefined {
  const detail = queryClient.getQueryData<Conversation>(conversationKeys.detail(id));
  if (detail) return detail;
  for (const [, data] of queryClient.getQueriesData<ConversationPages>({ queryKey: conversationKeys.lists() })) {
    const hit = findInPages(data, id);
    if (hit) return hit;
  }
  return undefined;
}

export const getConversationQueryOptions = (id: string, queryClient?: QueryClient) =>
  queryOptions({
    queryKey: conversationKeys.detail(id),
    queryFn: ({ signal }) => getConversation(id, signal),
    initialData: queryClient ? () => findCachedConversation(queryClient, id) : undefined,
    // Seeded from a list: fetch fresh in the background; realtime keeps it current afterwards.
    initialDataUpdatedAt: 0,
    staleTime: Infinity,
  });

export function useConversation(id: string, queryClient: QueryClient) {
  return useQuery(getConversationQueryOptions(id, queryClient));
}
