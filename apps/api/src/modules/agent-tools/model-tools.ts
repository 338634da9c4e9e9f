import type { GeneratedReply } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import type { AiTool } from '../ai/port.ts';
import { callTool } from './call.ts';
import * as q from './queries.ts';

type Deps = Pick<FastifyInstance, 'db' | 'crypto' | 'outbound'>;

/**
 * The enabled tools of a conversation's channel (organization-wide plus its own) as functions for the
 * model. The model sees the name, description and parameters only; each call is logged, and its result
 * (status, HTTP status, body ≤ 64 KB) goes back as data. `calls` collects `toolCalls` for the answer.
 */
export async function channelModelTools(
  app: Deps,
  params: { organizationId: string; channelId: string; conversationId: string; messageId: string; reserved: string[] },
  calls: GeneratedReply['toolCalls'],
): Promise<AiTool[]> {
  const rows = await q.listTools(app.db, { organizationId: params.organizationId, channelId: params.channelId, enabledOnly: true });
  return rows
    .filter((tool) => !params.reserved.includes(tool.name))
    .map((tool) => ({
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters,
      async execute(args) {
        const { log, body } = await callTool(app, tool, args, { conversationId: params.conversationId, messageId: params.messageId });
        calls.push({ toolId: tool.id, name: tool.name, status: log.status });
        return { status: log.status, httpStatus: log.httpStatus, error: log.error, body };
      },
    }));
}
