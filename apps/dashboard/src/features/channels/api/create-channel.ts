import type { Channel, ChannelType } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { channelKeys } from './get-channels.ts';

export type CreateChannelInput = {
  type: ChannelType;
  name: string;
  defaultLanguage?: string;
  autoTranslate?: boolean;
  credentials: Record<string, unknown>;
};

export const createChannel = (body: CreateChannelInput) => api.post<Channel>('/api/channels', body);

export function useCreateChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createChannel,
    onSuccess: (channel) => {
      queryClient.setQueryData(channelKeys.detail(channel.id), channel);
      return queryClient.invalidateQueries({ queryKey: channelKeys.list() });
    },
  });
}
