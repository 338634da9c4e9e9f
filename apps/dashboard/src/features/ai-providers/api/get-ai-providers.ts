import type { AiProvider, List } from '@helpstack/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

export const getAiProviders = (signal?: AbortSignal) => api.get<List<AiProvider>>('/api/ai-providers', { signal });

export const aiProvidersKey = ['ai-providers', 'list'] as const;

export const getAiProvidersQueryOptions = () =>
  queryOptions({ queryKey: aiProvidersKey, queryFn: ({ signal }) => getAiProviders(signal), staleTime: 60_000 });

export const useAiProviders = () => useQuery(getAiProvidersQueryOptions());
