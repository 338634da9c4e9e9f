import type { AiUsageReport } from '@helpstack/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

export const getAiUsage = (days: number, signal?: AbortSignal) => api.get<AiUsageReport>('/api/organization/ai-usage', { query: { days }, signal });

export const aiUsageKey = (days: number) => ['organization', 'ai-usage', days] as const;

export const useAiUsage = (days: number) =>
  useQuery({ ...queryOptions({ queryKey: aiUsageKey(days), queryFn: ({ signal }) => getAiUsage(days, signal), staleTime: 60_000 }), placeholderData: keepPreviousData });
