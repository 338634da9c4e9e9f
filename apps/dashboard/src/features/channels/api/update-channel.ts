import type { Channel, UpdateChannelBody } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { channelKeys } from './get-channels.ts';

export const updateChannel = ({ id, body }: { id: string; body: UpdateChannelBody }) =>
  api.patch<Channel>(`/api/channels/${encodeURIComponent(id)}`, body);

export function useUpdateChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateChannel,
    onSuccess: (channel) => {
      queryClient.setQueryData(channelKeys.detail(channel.id), channel);
      return queryClient.invalidateQueries({ queryKey: channelKeys.list() });
    },
  });
}
