import type { AgentToolLog, List } from '@helpstack/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { agentToolKeys } from './get-agent-tools.ts';

export const LOGS_PAGE_SIZE = 20;

export const getAgentToolLogs = (id: string, page: number, signal?: AbortSignal) =>
  api.get<List<AgentToolLog>>(`/api/agent-tools/${encodeURIComponent(id)}/logs`, { query: { page, pageSize: LOGS_PAGE_SIZE }, signal });

export const useAgentToolLogs = (id: string | null, page: number) =>
  useQuery({
    queryKey: agentToolKeys.logs(id ?? '', page),
    queryFn: ({ signal }) => getAgentToolLogs(id!, page, signal),
    enabled: id !== null,
    placeholderData: keepPreviousData,
  });
