import type { AiProvider, CreateAiProviderBody } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { aiProvidersKey } from './get-ai-providers.ts';

export const createAiProvider = (body: CreateAiProviderBody) => api.post<AiProvider>('/api/ai-providers', body);

/** Refetches the list: a new default changes `isDefault` on another row too. */
export function useCreateAiProvider() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createAiProvider, onSuccess: () => queryClient.invalidateQueries({ queryKey: aiProvidersKey }) });
}
