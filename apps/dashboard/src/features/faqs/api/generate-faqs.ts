import type { GenerateFaqsBody, GeneratedFaqs } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

export const generateFaqs = (body: Partial<GenerateFaqsBody>) => api.post<GeneratedFaqs>('/api/faqs/generate', body);

/** Proposals drawn from recent closed conversations; nothing is saved until one is accepted. */
export function useGenerateFaqs() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: generateFaqs,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['organization'] }),
  });
}
