import type { AiProvider, UpdateAiProviderBody } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { aiProvidersKey } from './get-ai-providers.ts';

export const updateAiProvider = ({ id, body }: { id: string; body: UpdateAiProviderBody }) =>
  api.patch<AiProvider>(`/api/ai-providers/${encodeURIComponent(id)}`, body);

export function useUpdateAiProvider() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateAiProvider, onSuccess: () => queryClient.invalidateQueries({ queryKey: aiProvidersKey }) });
}
