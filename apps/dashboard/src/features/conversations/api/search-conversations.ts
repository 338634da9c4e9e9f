import type { Conversation, List } from '@helpstack/contracts';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

/** A few best matches across every status (customer name, subject, message text): what a quick jump needs. */
export const searchConversations = (search: string, signal?: AbortSignal) =>
  api.get<List<Conversation>>('/api/conversations', { query: { search, pageSize: 6 }, signal });

export const searchConversationsQueryOptions = (search: string) =>
  queryOptions({ queryKey: ['conversations', 'quick-search', search], queryFn: ({ signal }) => searchConversations(search, signal), staleTime: 10_000 });
