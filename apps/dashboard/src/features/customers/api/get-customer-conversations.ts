import type { Conversation, List } from '@helpstack/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

export const getCustomerConversations = (id: string, signal?: AbortSignal) =>
  api.get<List<Conversation>>(`/api/customers/${encodeURIComponent(id)}/conversations`, { query: { pageSize: 10 }, signal });

/** The customer's latest conversations (the side panel shows a few; the full history is a search away). */
export const getCustomerConversationsQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['customers', 'conversations', id], queryFn: ({ signal }) => getCustomerConversations(id, signal), staleTime: 30_000 });

export const useCustomerConversations = (id: string | undefined) =>
  useQuery({ ...getCustomerConversationsQueryOptions(id ?? ''), enabled: Boolean(id) });
