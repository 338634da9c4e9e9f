import { hashKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../lib/api-client.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { getSessionQueryOptions } from './get-session.ts';

export async function logout(): Promise<void> {
  try {
    await api.post<unknown>('/api/auth/logout');
  } catch (error) {
    // Already signed out (expired or revoked session): the outcome the user asked for.
    if (error instanceof ApiError && error.status === 401) return;
    throw error;
  }
}

export function useLogout({ mutationConfig }: { mutationConfig?: MutationConfig<typeof logout> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: logout,
    onSuccess: (...args) => {
      const sessionKey = getSessionQueryOptions().queryKey;
      queryClient.setQueryData(sessionKey, null);
      // Nothing cached for the previous member may outlive their session. The session query itself
      // stays: clear() would detach it from its mounted observer and leave the old member on screen.
      queryClient.removeQueries({ predicate: (query) => query.queryHash !== hashKey(sessionKey) });
      return onSuccess?.(...args);
    },
  });
}
