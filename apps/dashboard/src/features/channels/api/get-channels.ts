import type { Channel, List } from '@helpstack/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

export const getChannels = (signal?: AbortSignal) => api.get<List<Channel>>('/api/channels', { query: { pageSize: 100 }, signal });

export const channelKeys = {
  all: ['channels'] as const,
  list: () => ['channels', 'list'] as const,
  detail: (id: string) => ['channels', 'detail', id] as const,
  script: (id: string) => ['channels', 'script', id] as const,
};

export const getChannelsQueryOptions = () =>
  queryOptions({ queryKey: channelKeys.list(), queryFn: ({ signal }) => getChannels(signal), staleTime: 5 * 60_000 });

export const useChannels = () => useQuery(getChannelsQueryOptions());
