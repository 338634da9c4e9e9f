import type { AgentTool, CreateAgentToolBody, UpdateAgentToolBody } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { agentToolKeys } from './get-agent-tools.ts';

export const createAgentTool = (body: CreateAgentToolBody) => api.post<AgentTool>('/api/agent-tools', body);
export const updateAgentTool = ({ id, body }: { id: string; body: UpdateAgentToolBody }) =>
  api.patch<AgentTool>(`/api/agent-tools/${encodeURIComponent(id)}`, body);
export const deleteAgentTool = (id: string) => api.delete<{ id: string }>(`/api/agent-tools/${encodeURIComponent(id)}`);

const useInvalidating = <A, R>(mutationFn: (a: A) => Promise<R>) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: agentToolKeys.all }) });
};

export const useCreateAgentTool = () => useInvalidating(createAgentTool);
export const useUpdateAgentTool = () => useInvalidating(updateAgentTool);
export const useDeleteAgentTool = () => useInvalidating(deleteAgentTool);
