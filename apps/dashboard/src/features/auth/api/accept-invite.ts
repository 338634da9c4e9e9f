import type { AcceptInviteBody, SessionInfo } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { getSessionQueryOptions } from './get-session.ts';

export const acceptInvite = (body: AcceptInviteBody) => api.post<SessionInfo>('/api/auth/accept-invite', body);

/** Joins the inviting organization and signs in (the answer sets the session cookie). */
export function useAcceptInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptInvite,
    onSuccess: (session) => {
      queryClient.setQueryData(getSessionQueryOptions().queryKey, session);
    },
  });
}
