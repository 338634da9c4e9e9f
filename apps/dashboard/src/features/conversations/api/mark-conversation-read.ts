import type { Conversation } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { useViewer } from '../../../lib/viewer.tsx';
import { writeConversation } from './conversation-cache.ts';
import { findCachedConversation } from './get-conversation.ts';

export const markConversationRead = (id: string) => api.post<Conversation>(`/api/conversations/${encodeURIComponent(id)}/read`);

/** Clears the unread badge at once (list, tab counts), then takes the server's answer. */
export function useMarkConversationRead() {
  const queryClient = useQueryClient();
  const { userId } = useViewer();
  return useMutation({
    mutationFn: markConversationRead,
    onMutate: (id) => {
      const previous = findCachedConversation(queryClient, id);
      if (previous?.unread) writeConversation(queryClient, { ...previous, unread: false, unreadCount: 0 }, userId, previous);
      return { previous };
    },
    onError: (_error, id, context) => {
      if (context?.previous) writeConversation(queryClient, context.previous, userId, findCachedConversation(queryClient, id));
    },
    onSuccess: (conversation) => {
      writeConversation(queryClient, conversation, userId, findCachedConversation(queryClient, conversation.id));
    },
  });
}
