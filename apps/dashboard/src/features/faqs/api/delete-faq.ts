import type { Faq, List } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { faqsKey } from './get-faqs.ts';

export const deleteFaq = (id: string) => api.delete<{ id: string }>(`/api/faqs/${encodeURIComponent(id)}`);

export function useDeleteFaq() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteFaq,
    onSuccess: ({ id }) => {
      queryClient.setQueryData<List<Faq>>(faqsKey, (old) =>
        old ? { ...old, items: old.items.filter((f) => f.id !== id), pagination: { ...old.pagination, total: old.pagination.total - 1 } } : old,
      );
    },
  });
}
