import type { ResetPasswordBody } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { getSessionQueryOptions } from './get-session.ts';

export const resetPassword = (body: ResetPasswordBody) => api.post<{ passwordReset: true }>('/api/auth/reset-password', body);

/** A reset signs the user out everywhere, this browser included: the cached session is dropped. */
export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetPassword,
    onSuccess: () => queryClient.setQueryData(getSessionQueryOptions().queryKey, null),
  });
}
