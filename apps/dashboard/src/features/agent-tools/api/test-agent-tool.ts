import type { AgentToolLog } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { agentToolKeys } from './get-agent-tools.ts';

/** One real call; answers its log entry (also when the call failed, was blocked or timed out). */
export const testAgentTool = ({ id, args }: { id: string; args: Record<string, unknown> }) =>
  api.post<AgentToolLog>(`/api/agent-tools/${encodeURIComponent(id)}/test`, { arguments: args });

export function useTestAgentTool() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: testAgentTool, onSuccess: (_log, { id }) => queryClient.invalidateQueries({ queryKey: ['agent-tools', 'logs', id] }) });
}
