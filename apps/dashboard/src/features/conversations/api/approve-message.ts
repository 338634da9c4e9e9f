import type { Message } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { updateMessage, type MessagePages } from '../utils/cache-updates.ts';
import { conversationKeys } from './keys.ts';

export const approveMessage = (message: Pick<Message, 'id' | 'conversationId'>) =>
  api.post<Message>(`/api/messages/${encodeURIComponent(message.id)}/approve`);

/** Hands a queued reply (`approved: false`, e.g. waiting for its translation to be checked) to delivery. */
export function useApproveMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: approveMessage,
    onSuccess: (message) => {
      queryClient.setQueryData<MessagePages>(conversationKeys.messages(message.conversationId), (old) => updateMessage(old, message));
    },
  });
}
