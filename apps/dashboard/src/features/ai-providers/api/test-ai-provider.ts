import type { AiProviderTestResult } from '@helpstack/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

/** One tiny call through the provider; a failure is the 502 envelope naming it. */
export const testAiProvider = (id: string) => api.post<AiProviderTestResult>(`/api/ai-providers/${encodeURIComponent(id)}/test`);

export const useTestAiProvider = () => useMutation({ mutationFn: testAiProvider });
