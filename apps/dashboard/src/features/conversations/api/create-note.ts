import type { CreateNoteBody, Message } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { reconcileSent, type MessagePages } from '../utils/cache-updates.ts';
import { conversationKeys } from './keys.ts';

export type CreateNoteInput = CreateNoteBody & { conversationId: string };

/** CONTRACT §12: a private note; `mentions` are the members picked from the @ autocomplete. */
export const createNote = ({ conversationId, ...body }: CreateNoteInput) =>
  api.post<Message>(`/api/conversations/${encodeURIComponent(conversationId)}/notes`, body);

/** The stored note joins the thread when the API answers (or stays, if its realtime event came first). */
export function useCreateNote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createNote,
    onSuccess: (message, { conversationId }) =>
      queryClient.setQueryData<MessagePages>(conversationKeys.messages(conversationId), (old) => reconcileSent(old, message.id, message)),
  });
}
