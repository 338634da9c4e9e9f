import type { SessionInfo, SignupBody } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { getSessionQueryOptions } from './get-session.ts';

export const signup = (body: SignupBody) => api.post<SessionInfo>('/api/auth/signup', body);

export function useSignup({ mutationConfig }: { mutationConfig?: MutationConfig<typeof signup> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: signup,
    onSuccess: (session, ...args) => {
      queryClient.setQueryData(getSessionQueryOptions().queryKey, session);
      return onSuccess?.(session, ...args);
    },
  });
}
