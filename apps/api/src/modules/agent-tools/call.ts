import { StringDecoder } from 'node:string_decoder';
import type { AgentToolLogStatus } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import { isOutboundError } from '../../lib/outbound/index.ts';
import { argumentsProblem } from './parameters.ts';
import * as q from './queries.ts';
import { buildToolRequest } from './request.ts';
import { decryptToolSecrets } from './secrets.ts';

type Deps = Pick<FastifyInstance, 'db' | 'crypto' | 'outbound'>;

/** CONTRACT §9: a response body is read up to 64 KB; the log keeps 2 KB of it. */
export const TOOL_LIMITS = { maxResponseBytes: 64 * 1024, previewBytes: 2048 } as const;

/** The first `bytes` of a UTF-8 body, never splitting a character. */
const utf8Prefix = (buf: Buffer, bytes: number) => new StringDecoder('utf8').write(buf.subarray(0, bytes));

export interface ToolCallOutcome {
  log: q.AgentToolLogRow;
  /** The body as read (≤ 64 KB), what the model gets back. */
  body: string;
}

/**
 * One call of a tool, always logged: arguments checked against its schema before any request, then the
 * request through the outbound-URL guard with the tool's timeout. A refused or failed call is an outcome
 * (BLOCKED/ERROR/TIMEOUT), never a thrown error, so a model's tool round goes on.
 */
export async function callTool(
  app: Deps,
  tool: q.AgentToolRow,
  args: unknown,
  origin: { conversationId: string | null; messageId: string | null },
): Promise<ToolCallOutcome> {
  const started = performance.now();
  let status: AgentToolLogStatus = 'ERROR';
  let httpStatus: number | null = null;
  let error: string | null = null;
  let body = '';
  const problem = args !== null && typeof args === 'object' && !Array.isArray(args) ? argumentsProblem(tool.parameters, args) : 'the arguments must be a JSON object';
  if (problem) {
    error = problem;
  } else {
    const { url, init } = buildToolRequest(tool, decryptToolSecrets(app.crypto, tool), args as Record<string, unknown>);
    try {
      const fetch = app.outbound.fetchWith({ timeoutMs: tool.timeoutMs, maxBytes: TOOL_LIMITS.maxResponseBytes, truncate: true });
      const res = await fetch(url, init);
      httpStatus = res.status;
      body = new TextDecoder().decode(await res.arrayBuffer());
      status = res.ok ? 'SUCCESS' : 'ERROR';
      if (!res.ok) error = `the tool answered HTTP ${res.status}`;
    } catch (err) {
      if (isOutboundError(err)) {
        status = err.kind === 'BLOCKED' ? 'BLOCKED' : err.kind === 'TIMEOUT' ? 'TIMEOUT' : 'ERROR';
        httpStatus = err.httpStatus;
        error = err.message;
      } else {
        // Network failures (refused, reset): undici hides the cause one level down.
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        error = `the request failed: ${cause?.code ?? cause?.message ?? (err as Error).message}`;
      }
    }
  }
  const log = await q.insertLog(app.db, {
    organizationId: tool.organizationId,
    toolId: tool.id,
    conversationId: origin.conversationId,
    messageId: origin.messageId,
    arguments: args ?? null,
    status,
    httpStatus,
    durationMs: Math.round(performance.now() - started),
    responsePreview: utf8Prefix(Buffer.from(body), TOOL_LIMITS.previewBytes),
    error,
  });
  return { log, body };
}
