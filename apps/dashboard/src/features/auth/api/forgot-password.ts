import type { ForgotPasswordBody } from '@helpstack/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

/** Always accepted (202) whether or not the address has an account: the page says "check your e-mail" either way. */
export const forgotPassword = (body: ForgotPasswordBody) => api.post<{ accepted: true }>('/api/auth/forgot-password', body);

export const useForgotPassword = () => useMutation({ mutationFn: forgotPassword });
