import type { List, Role } from '@helpstack/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

/** A pending invitation as the list shows it (the token is only ever shown once, on creation). */
export type PendingInvitation = { id: string; email: string; role: Role; expiresAt: string; createdAt: string };

export const getInvitations = (signal?: AbortSignal) => api.get<List<PendingInvitation>>('/api/invitations', { signal });

export const invitationsKey = ['invitations', 'list'] as const;

export const getInvitationsQueryOptions = () =>
  queryOptions({ queryKey: invitationsKey, queryFn: ({ signal }) => getInvitations(signal), staleTime: 60_000 });

export const useInvitations = (enabled: boolean) => useQuery({ ...getInvitationsQueryOptions(), enabled });
