import type { Conversation, UpdateConversationBody } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { useViewer } from '../../../lib/viewer.tsx';
import { writeConversation } from './conversation-cache.ts';
import { findCachedConversation } from './get-conversation.ts';

export type UpdateConversationInput = { id: string; patch: UpdateConversationBody };

export const updateConversation = ({ id, patch }: UpdateConversationInput) =>
  api.patch<Conversation>(`/api/conversations/${encodeURIComponent(id)}`, patch);

/**
 * Optimistic: the change shows at once in the pane, every list (a closed conversation leaves the Open
 * tab) and the tab counts; a failure puts the previous state back.
 */
export function useUpdateConversation({ mutationConfig }: { mutationConfig?: MutationConfig<typeof updateConversation> } = {}) {
  const queryClient = useQueryClient();
  const { userId } = useViewer();
  const { onSuccess, onError, onMutate: _ignored, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateConversation,
    onMutate: ({ id, patch }) => {
      const previous = findCachedConversation(queryClient, id);
      if (previous) {
        const optimistic = { ...previous, ...patch, updatedAt: new Date().toISOString() } as Conversation;
        writeConversation(queryClient, optimistic, userId, previous);
      }
      return { previous };
    },
    onError: (error, input, context, ...more) => {
      const previous = (context as { previous?: Conversation } | undefined)?.previous;
      if (previous) writeConversation(queryClient, previous, userId, findCachedConversation(queryClient, input.id));
      return onError?.(error, input, context, ...more);
    },
    onSuccess: (conversation, ...args) => {
      writeConversation(queryClient, conversation, userId, findCachedConversation(queryClient, conversation.id));
      return onSuccess?.(conversation, ...args);
    },
  });
}
