import type { AgentTool, AgentToolLog } from '@helpstack/contracts';
import type { AgentToolLogRow, AgentToolRow } from './queries.ts';

/** Header values and the auth secret never leave the server: only whether they are stored. */
export const toAgentTool = (r: AgentToolRow): AgentTool => ({
  id: r.id,
  name: r.name,
  description: r.description,
  channelId: r.channelId,
  method: r.method,
  url: r.url,
  parameters: r.parameters,
  headers: r.headerNames.map((name) => ({ name, hasValue: true })),
  auth: r.authType === 'HEADER' && r.authHeaderName ? { type: r.authType, headerName: r.authHeaderName } : { type: r.authType },
  hasSecret: r.hasSecret,
  enabled: r.enabled,
  timeoutMs: r.timeoutMs,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export const toAgentToolLog = (r: AgentToolLogRow): AgentToolLog => ({
  id: r.id,
  toolId: r.toolId,
  conversationId: r.conversationId,
  messageId: r.messageId,
  arguments: r.arguments,
  status: r.status,
  httpStatus: r.httpStatus,
  durationMs: r.durationMs,
  responsePreview: r.responsePreview,
  error: r.error,
  createdAt: r.createdAt.toISOString(),
});
