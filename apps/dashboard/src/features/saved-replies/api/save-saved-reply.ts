import type { CreateSavedReplyBody, SavedReply, UpdateSavedReplyBody } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { savedReplyKeys } from '../../../lib/saved-replies.ts';

export const createSavedReply = (body: CreateSavedReplyBody) => api.post<SavedReply>('/api/saved-replies', body);
export const updateSavedReply = ({ id, body }: { id: string; body: UpdateSavedReplyBody }) =>
  api.patch<SavedReply>(`/api/saved-replies/${encodeURIComponent(id)}`, body);
export const deleteSavedReply = (id: string) => api.delete<{ id: string }>(`/api/saved-replies/${encodeURIComponent(id)}`);

const useInvalidating = <A, R>(mutationFn: (a: A) => Promise<R>) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: savedReplyKeys.all }) });
};

export const useCreateSavedReply = () => useInvalidating(createSavedReply);
export const useUpdateSavedReply = () => useInvalidating(updateSavedReply);
export const useDeleteSavedReply = () => useInvalidating(deleteSavedReply);
