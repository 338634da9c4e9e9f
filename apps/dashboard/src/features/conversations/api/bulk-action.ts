import type { BulkActionBody } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { conversationKeys } from './keys.ts';

/** `read`: the existing bulk-read route; every other action: POST /api/conversations/bulk (one request either way). */
export type BulkInput = BulkActionBody | { ids: string[]; action: 'read' };

export const bulkAction = (input: BulkInput) =>
  input.action === 'read'
    ? api.post<{ ids: string[] }>('/api/conversations/bulk-read', { ids: input.ids })
    : api.post<{ ids: string[] }>('/api/conversations/bulk', input);

/** Lists and counts are refetched afterwards (realtime also brings each change, but a refetch settles the order). */
export function useBulkAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: bulkAction,
    onSettled: () => queryClient.invalidateQueries({ queryKey: conversationKeys.all }),
  });
}
