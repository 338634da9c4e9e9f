import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { channelKeys } from './get-channels.ts';

export const deleteChannel = (id: string) => api.delete<{ id: string }>(`/api/channels/${encodeURIComponent(id)}`);

/** Its conversations go with it, so every conversation query is refreshed too. */
export function useDeleteChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteChannel,
    onSuccess: ({ id }) => {
      queryClient.removeQueries({ queryKey: channelKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: ['conversations'] });
      return queryClient.invalidateQueries({ queryKey: channelKeys.list() });
    },
  });
}
