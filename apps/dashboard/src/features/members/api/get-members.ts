import type { List, Member, PresenceEventData } from '@helpstack/contracts';
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

export const getMembers = (signal?: AbortSignal) => api.get<List<Member>>('/api/members', { query: { pageSize: 100 }, signal });

export const membersKey = ['members', 'list'] as const;

export const getMembersQueryOptions = () =>
  queryOptions({ queryKey: membersKey, queryFn: ({ signal }) => getMembers(signal), staleTime: 5 * 60_000 });

export const useMembers = () => useQuery(getMembersQueryOptions());

/** A realtime `presence` event: online flags from the authoritative list it carries. */
export function applyPresence(queryClient: QueryClient, data: PresenceEventData) {
  const online = new Set(data.onlineUserIds);
  queryClient.setQueryData<List<Member>>(membersKey, (old) =>
    old ? { ...old, items: old.items.map((m) => (m.online === online.has(m.userId) ? m : { ...m, online: online.has(m.userId) })) } : old,
  );
}
