import type { AgentTool, List } from '@helpstack/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

export const getAgentTools = (signal?: AbortSignal) => api.get<List<AgentTool>>('/api/agent-tools', { signal });

export const agentToolKeys = {
  all: ['agent-tools'] as const,
  list: () => ['agent-tools', 'list'] as const,
  logs: (id: string, page: number) => ['agent-tools', 'logs', id, page] as const,
};

export const getAgentToolsQueryOptions = () =>
  queryOptions({ queryKey: agentToolKeys.list(), queryFn: ({ signal }) => getAgentTools(signal), staleTime: 60_000 });

export const useAgentTools = () => useQuery(getAgentToolsQueryOptions());
