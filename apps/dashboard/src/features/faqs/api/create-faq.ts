import type { CreateFaqBody, Faq } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { faqsKey } from './get-faqs.ts';

export const createFaq = (body: CreateFaqBody) => api.post<Faq>('/api/faqs', body);

export function useCreateFaq() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createFaq, onSuccess: () => queryClient.invalidateQueries({ queryKey: faqsKey }) });
}
