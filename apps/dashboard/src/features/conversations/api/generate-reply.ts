import type { GeneratedReply, GenerateReplyBody } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../lib/api-client.ts';

export const generateReply = ({ messageId, body }: { messageId: string; body?: GenerateReplyBody }) =>
  api.post<GeneratedReply>(`/api/messages/${encodeURIComponent(messageId)}/generate-reply`, body ?? {});

/** No provider set up for the channel or the organization (CONTRACT §8.4). */
export const isAiNotConfigured = (error: unknown) => error instanceof ApiError && error.code === 'AI_NOT_CONFIGURED';

/** A suggestion (nothing is stored); it costs tokens, so the organization's balance is refreshed. */
export function useGenerateReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: generateReply,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['organization'] }),
  });
}
