import type { Conversation, List } from '@helpstack/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { ConversationCounts } from '../utils/cache-updates.ts';
import { filtersToQuery, type ConversationFilters } from '../utils/conversation-filters.ts';
import { conversationKeys } from './keys.ts';

export type CountFilters = Omit<ConversationFilters, 'status' | 'search'>;

/** The tabs worth a number: work waiting on the team. Closed and archived grow forever and say nothing. */
export const COUNTED_STATUSES = ['OPEN', 'PENDING'] as const;

/**
 * Total and unread of the Open and Pending tabs. The API has no counts endpoint, so this reads
 * `pagination.total` of four one-row lists, once; realtime events keep the numbers current after that.
 */
export async function getConversationCounts(filters: CountFilters, signal?: AbortSignal): Promise<ConversationCounts> {
  const totalOf = (extra: Record<string, string | boolean>) =>
    api
      .get<List<Conversation>>('/api/conversations', { query: { ...filtersToQuery(filters), pageSize: 1, ...extra }, signal })
      .then((list) => list.pagination.total);
  const entries = await Promise.all(
    COUNTED_STATUSES.map(async (status) => {
      const [total, unread] = await Promise.all([totalOf({ status }), filters.unread ? null : totalOf({ status, unread: true })]);
      return [status, { total, unread: unread ?? total }] as const;
    }),
  );
  return Object.fromEntries(entries) as ConversationCounts;
}

export const getConversationCountsQueryOptions = (filters: CountFilters) =>
  queryOptions({
    queryKey: conversationKeys.count(filters),
    queryFn: ({ signal }) => getConversationCounts(filters, signal),
    staleTime: Infinity,
  });

export const useConversationCounts = (filters: CountFilters) => useQuery(getConversationCountsQueryOptions(filters));
