import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { membersKey } from './get-members.ts';

export const removeMember = (id: string) => api.delete<{ id: string }>(`/api/members/${encodeURIComponent(id)}`);

export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeMember,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersKey }),
  });
}
