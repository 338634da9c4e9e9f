import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { aiProvidersKey } from './get-ai-providers.ts';

export const deleteAiProvider = (id: string) => api.delete<{ id: string }>(`/api/ai-providers/${encodeURIComponent(id)}`);

/** Refetches: deleting the default passes it to another provider. */
export function useDeleteAiProvider() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteAiProvider, onSuccess: () => queryClient.invalidateQueries({ queryKey: aiProvidersKey }) });
}
