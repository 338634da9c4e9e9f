import type { Conversation } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { useViewer } from '../../../lib/viewer.tsx';
import { writeConversation } from './conversation-cache.ts';
import { findCachedConversation } from './get-conversation.ts';

export const markConversationUnread = (id: string) => api.post<Conversation>(`/api/conversations/${encodeURIComponent(id)}/unread`);

export function useMarkConversationUnread() {
  const queryClient = useQueryClient();
  const { userId } = useViewer();
  return useMutation({
    mutationFn: markConversationUnread,
    onSuccess: (conversation) => {
      writeConversation(queryClient, conversation, userId, findCachedConversation(queryClient, conversation.id));
    },
  });
}
