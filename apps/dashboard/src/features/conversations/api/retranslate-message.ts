import type { Message, RetranslateBody } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { updateMessage, type MessagePages } from '../utils/cache-updates.ts';
import { conversationKeys } from './keys.ts';

export const retranslateMessage = ({ message, body }: { message: Pick<Message, 'id'>; body?: RetranslateBody }) =>
  api.post<Message>(`/api/messages/${encodeURIComponent(message.id)}/retranslate`, body ?? {});

/** Translates a message again, synchronously (an inbound one into the agent language, a waiting reply into the customer's). */
export function useRetranslateMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retranslateMessage,
    onSuccess: (message) => {
      queryClient.setQueryData<MessagePages>(conversationKeys.messages(message.conversationId), (old) => updateMessage(old, message));
    },
  });
}
