import type { Message } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { patchMessage, updateMessage, type MessagePages } from '../utils/cache-updates.ts';
import { conversationKeys } from './keys.ts';

export const retryMessage = (message: Pick<Message, 'id' | 'conversationId'>) =>
  api.post<Message>(`/api/messages/${encodeURIComponent(message.id)}/retry`);

/** Sends a reply whose delivery FAILED again; it shows as pending at once. */
export function useRetryMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryMessage,
    onMutate: (message) => {
      const key = conversationKeys.messages(message.conversationId);
      const before = queryClient.getQueryData<MessagePages>(key);
      queryClient.setQueryData<MessagePages>(key, (old) => patchMessage(old, message.id, (m) => ({ ...m, status: 'PENDING', error: null })));
      return { before };
    },
    onError: (_error, message, context) => {
      if (context?.before) queryClient.setQueryData(conversationKeys.messages(message.conversationId), context.before);
    },
    onSuccess: (message) => {
      queryClient.setQueryData<MessagePages>(conversationKeys.messages(message.conversationId), (old) => updateMessage(old, message));
    },
  });
}
