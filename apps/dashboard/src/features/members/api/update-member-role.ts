import type { List, Member, Role } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { membersKey } from './get-members.ts';

export const updateMemberRole = ({ id, role }: { id: string; role: Role }) =>
  api.patch<Member>(`/api/members/${encodeURIComponent(id)}`, { role });

export function useUpdateMemberRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMemberRole,
    onSuccess: (member) => {
      queryClient.setQueryData<List<Member>>(membersKey, (old) =>
        old ? { ...old, items: old.items.map((m) => (m.id === member.id ? member : m)) } : old,
      );
    },
  });
}
