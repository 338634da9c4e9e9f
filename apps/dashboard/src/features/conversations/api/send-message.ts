import type { Media, Message } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../lib/api-client.ts';
import { useViewer } from '../../../lib/viewer.tsx';
import { appendMessage, patchMessage, reconcileSent, type ChatMessage, type MessagePages } from '../utils/cache-updates.ts';
import { conversationKeys } from './keys.ts';

export type SendMessageInput = {
  conversationId: string;
  content: string;
  /** Uploaded files (POST /api/media/upload answers); their `path` goes to the API. */
  attachments?: Media[];
  /** Set when re-sending a failed optimistic reply: it is reused instead of adding another. */
  tempId?: string;
};

export const sendMessage = ({ conversationId, content, attachments }: SendMessageInput) =>
  api.post<Message>(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, {
    conversationId,
    content,
    ...(attachments?.length ? { attachments: attachments.map((a) => a.path) } : {}),
  });

let counter = 0;
const newTempId = () => `local-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export const isOutOfTokens = (error: unknown) => error instanceof ApiError && (error.code === 'INSUFFICIENT_TOKENS' || error.status === 402);

/**
 * Optimistic send: the reply shows at once as "Sending…", is swapped for the stored message when the
 * API answers (or when its realtime `message.created` arrives first), and stays as "Not sent" with a
 * retry on failure — the agent never loses what they typed.
 */
export function useSendMessage() {
  const queryClient = useQueryClient();
  const { userId } = useViewer();
  return useMutation({
    mutationFn: (input: SendMessageInput & { tempId: string }) => sendMessage(input),
    onMutate: ({ conversationId, content, attachments = [], tempId }) => {
      const key = conversationKeys.messages(conversationId);
      if (queryClient.getQueryData<MessagePages>(key)?.pages.some((p) => p.items.some((m) => m.id === tempId))) {
        queryClient.setQueryData<MessagePages>(key, (old) =>
          patchMessage(old, tempId, (m) => ({ ...m, local: { state: 'sending' }, createdAt: new Date().toISOString() })),
        );
        return;
      }
      const optimistic: ChatMessage = {
        id: tempId,
        conversationId,
        direction: 'OUTBOUND',
        senderType: 'AGENT',
        authorId: userId,
        content,
        translatedContent: null,
        language: null,
        translatedLanguage: null, translationStatus: 'NONE', originalContent: null,
        approved: true,
        status: 'PENDING',
        error: null,
        attempts: 0,
        private: false,
        mentions: [],
        attachments: attachments.map((a) => ({ id: a.id, name: a.name, mimeType: a.mimeType, size: a.size, url: a.url })),
        email: null,
        createdAt: new Date().toISOString(),
        local: { state: 'sending', attachmentPaths: attachments.map((a) => a.path) },
      };
      queryClient.setQueryData<MessagePages>(key, (old) => (old ? appendMessage(old, optimistic) : old));
    },
    onSuccess: (message, { conversationId, tempId }) => {
      queryClient.setQueryData<MessagePages>(conversationKeys.messages(conversationId), (old) => reconcileSent(old, tempId, message));
    },
    onError: (error, { conversationId, tempId }) => {
      const reason = isOutOfTokens(error)
        ? 'Out of tokens'
        : error instanceof ApiError
          ? error.message
          : 'Not sent';
      queryClient.setQueryData<MessagePages>(conversationKeys.messages(conversationId), (old) =>
        patchMessage(old, tempId, (m) => ({ ...m, local: { ...m.local, state: 'failed', error: reason } })),
      );
    },
  });
}

/** Starts a send, creating the optimistic id when it is a new reply. */
export function startSend(mutate: ReturnType<typeof useSendMessage>['mutate'], input: SendMessageInput) {
  mutate({ ...input, tempId: input.tempId ?? newTempId() });
}
