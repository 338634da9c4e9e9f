import type { LoginBody, SessionInfo } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { getSessionQueryOptions } from './get-session.ts';

export const login = (body: LoginBody) => api.post<SessionInfo>('/api/auth/login', body);

export function useLogin({ mutationConfig }: { mutationConfig?: MutationConfig<typeof login> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: login,
    onSuccess: (session, ...args) => {
      queryClient.setQueryData(getSessionQueryOptions().queryKey, session);
      return onSuccess?.(session, ...args);
    },
  });
}
