import type { Invitation, InvitationBody } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { invitationsKey } from './get-invitations.ts';

export const createInvitation = (body: InvitationBody) => api.post<Invitation>('/api/invitations', body);

/** The link the invitee opens; the token exists only in this answer, so it is shown right away. */
export const acceptInviteUrl = (token: string, origin = window.location.origin) =>
  `${origin}/accept-invite?token=${encodeURIComponent(token)}`;

export function useCreateInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createInvitation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey }),
  });
}
