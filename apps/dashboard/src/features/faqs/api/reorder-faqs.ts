import type { Faq, List } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { faqsKey } from './get-faqs.ts';

/** The ids of one channel's FAQs (or of the organization-wide ones) in their new order. */
export const reorderFaqs = (ids: string[]) => api.post<List<Faq>>('/api/faqs/reorder', { ids });

/** Applies the new order at once (drag and drop must not snap back while the request runs). */
export function reorderInList(list: List<Faq>, ids: string[]): List<Faq> {
  const position = new Map(ids.map((id, i) => [id, i]));
  const moved = list.items.filter((f) => position.has(f.id)).sort((a, b) => position.get(a.id)! - position.get(b.id)!);
  let next = 0;
  const items = list.items.map((f) => {
    if (!position.has(f.id)) return f;
    const m = moved[next++]!;
    return { ...m, order: position.get(m.id)! };
  });
  return { ...list, items };
}

export function useReorderFaqs() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reorderFaqs,
    onMutate: async (ids) => {
      await queryClient.cancelQueries({ queryKey: faqsKey });
      const before = queryClient.getQueryData<List<Faq>>(faqsKey);
      if (before) queryClient.setQueryData(faqsKey, reorderInList(before, ids));
      return { before };
    },
    onError: (_error, _ids, context) => {
      if (context?.before) queryClient.setQueryData(faqsKey, context.before);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: faqsKey }),
  });
}
