import type { CreateTagBody, Tag, UpdateTagBody } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { tagKeys } from '../../../lib/tags.ts';

export const createTag = (body: CreateTagBody) => api.post<Tag>('/api/tags', body);
export const updateTag = ({ id, body }: { id: string; body: UpdateTagBody }) => api.patch<Tag>(`/api/tags/${encodeURIComponent(id)}`, body);
export const deleteTag = (id: string) => api.delete<{ id: string }>(`/api/tags/${encodeURIComponent(id)}`);

/** A tag's name and colour show on conversations too: those lists are refetched with the tags. */
const useInvalidating = <A, R>(mutationFn: (a: A) => Promise<R>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: tagKeys.all });
      await queryClient.invalidateQueries({ queryKey: ['conversations'] });
    },
  });
};

export const useCreateTag = () => useInvalidating(createTag);
export const useUpdateTag = () => useInvalidating(updateTag);
export const useDeleteTag = () => useInvalidating(deleteTag);
