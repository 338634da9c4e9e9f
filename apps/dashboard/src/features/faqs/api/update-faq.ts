import type { Faq, List, UpdateFaqBody } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { faqsKey } from './get-faqs.ts';

export const updateFaq = ({ id, body }: { id: string; body: UpdateFaqBody }) => api.patch<Faq>(`/api/faqs/${encodeURIComponent(id)}`, body);

export function useUpdateFaq() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateFaq,
    onSuccess: (faq, { body }) => {
      // Moving to another channel changes the grouping and order: refetch; otherwise patch in place.
      if (body.channelId !== undefined) return queryClient.invalidateQueries({ queryKey: faqsKey });
      queryClient.setQueryData<List<Faq>>(faqsKey, (old) => (old ? { ...old, items: old.items.map((f) => (f.id === faq.id ? faq : f)) } : old));
    },
  });
}
