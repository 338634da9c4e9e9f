import type { List } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { invitationsKey, type PendingInvitation } from './get-invitations.ts';

export const revokeInvitation = (id: string) => api.delete<{ id: string }>(`/api/invitations/${encodeURIComponent(id)}`);

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeInvitation,
    onSuccess: ({ id }) => {
      queryClient.setQueryData<List<PendingInvitation>>(invitationsKey, (old) =>
        old ? { ...old, items: old.items.filter((i) => i.id !== id), pagination: { ...old.pagination, total: old.pagination.total - 1 } } : old,
      );
    },
  });
}
