import type { ChannelType, ConnectionCheck } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { channelKeys } from './get-channels.ts';

export type CheckConnectionInput =
  /** A channel not created yet: every credential it would be created with. */
  | { type: ChannelType; credentials: Record<string, unknown> }
  /** A stored channel: unsaved edits to merge (as PATCH does), or none to check what is stored. */
  | { channelId: string; credentials?: Record<string, unknown> };

export const checkConnection = (input: CheckConnectionInput) =>
  'channelId' in input
    ? api.post<ConnectionCheck>(`/api/channels/${encodeURIComponent(input.channelId)}/check-connection`, input.credentials ? { credentials: input.credentials } : {})
    : api.post<ConnectionCheck>('/api/channels/check-connection', { type: input.type, credentials: input.credentials });

/** A check of the stored credentials also becomes the channel's status, so the channel is read again. */
export function useCheckConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: checkConnection,
    onSuccess: (_result, input) => {
      if ('channelId' in input && !input.credentials) void queryClient.invalidateQueries({ queryKey: channelKeys.all });
    },
  });
}
