import type { Faq, List } from '@helpstack/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

/** Every FAQ of the organization in display order; the page groups them by channel. */
export const getFaqs = (signal?: AbortSignal) => api.get<List<Faq>>('/api/faqs', { signal });

export const faqsKey = ['faqs', 'list'] as const;

export const getFaqsQueryOptions = () => queryOptions({ queryKey: faqsKey, queryFn: ({ signal }) => getFaqs(signal), staleTime: 60_000 });

export const useFaqs = () => useQuery(getFaqsQueryOptions());
