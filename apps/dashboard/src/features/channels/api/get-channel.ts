import type { Channel, List } from '@helpstack/contracts';
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { channelKeys } from './get-channels.ts';

export const getChannel = (id: string, signal?: AbortSignal) => api.get<Channel>(`/api/channels/${encodeURIComponent(id)}`, { signal });

export const getChannelQueryOptions = (id: string, queryClient?: QueryClient) =>
  queryOptions({
    queryKey: channelKeys.detail(id),
    queryFn: ({ signal }) => getChannel(id, signal),
    initialData: () => queryClient?.getQueryData<List<Channel>>(channelKeys.list())?.items.find((c) => c.id === id),
    initialDataUpdatedAt: () => queryClient?.getQueryState(channelKeys.list())?.dataUpdatedAt,
    staleTime: 60_000,
    // A saved mailbox is checked in the background within seconds: look again until its status is in.
    refetchInterval: (query) => (query.state.data?.type === 'EMAIL' && query.state.data.status === null ? 3_000 : false),
  });

export const useChannel = (id: string, queryClient: QueryClient) => useQuery(getChannelQueryOptions(id, queryClient));
