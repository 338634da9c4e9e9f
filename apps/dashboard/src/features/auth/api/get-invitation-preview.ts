import type { InvitationPreview } from '@helpstack/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../../lib/api-client.ts';

/** Which workspace and role an invitation link is for; null when the link is unknown, expired, used or replaced (404). */
export async function getInvitationPreview(token: string, { signal }: { signal?: AbortSignal } = {}): Promise<InvitationPreview | null> {
  try {
    return await api.get<InvitationPreview>('/api/invitations/preview', { query: { token }, signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export const getInvitationPreviewQueryOptions = (token: string) =>
  queryOptions({
    queryKey: ['auth', 'invitation-preview', token],
    queryFn: ({ signal }) => getInvitationPreview(token, { signal }),
    // The answer only changes when the invitation is used, which navigates away; no refetch on focus.
    staleTime: Infinity,
    retry: false,
  });

export const useInvitationPreview = (token: string) => useQuery(getInvitationPreviewQueryOptions(token));
