import { z } from 'zod';

export const agentToolMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const agentToolAuthTypes = ['NONE', 'BEARER', 'BASIC', 'HEADER'] as const;
export const agentToolLogStatuses = ['SUCCESS', 'ERROR', 'BLOCKED', 'TIMEOUT'] as const;

/** CONTRACT §9: the name is the function name the model sees. */
export const AGENT_TOOL_NAME = /^[a-z][a-z0-9_]{0,63}$/;
export const AGENT_TOOL_TIMEOUT_DEFAULT_MS = 10_000;
export const AGENT_TOOL_TIMEOUT_MAX_MS = 30_000;
export const AGENT_TOOL_PARAMETERS_MAX_BYTES = 8 * 1024;

/** Headers and the auth secret are write-only: a response says only whether a value is stored. */
export const agentToolSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  channelId: z.string().nullable(),
  method: z.enum(agentToolMethods),
  url: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  headers: z.array(z.object({ name: z.string(), hasValue: z.boolean() })),
  auth: z.object({ type: z.enum(agentToolAuthTypes), headerName: z.string().optional() }),
  hasSecret: z.boolean(),
  enabled: z.boolean(),
  timeoutMs: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AgentTool = z.infer<typeof agentToolSchema>;

const headerName = z.string().trim().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'Must be an HTTP header name');
const fields = {
  name: z.string().regex(AGENT_TOOL_NAME, 'Lowercase letters, digits and _, starting with a letter (at most 64)'),
  description: z.string().trim().min(1, 'Required').max(1024),
  channelId: z.string().min(1).max(100).nullable(),
  method: z.enum(agentToolMethods),
  /** Checked against the outbound-URL guard by the server (CONTRACT §8.6). */
  url: z.string().trim().min(1, 'Required').max(2048),
  /** Checked as a JSON Schema (≤ 8 KB) by the server. */
  parameters: z.record(z.string(), z.unknown()),
  headers: z.array(z.strictObject({ name: headerName, value: z.string().max(4096) })).max(20),
  auth: z.strictObject({
    type: z.enum(agentToolAuthTypes),
    headerName: headerName.optional(),
    secret: z.string().min(1).max(4096).optional(),
  }),
  enabled: z.boolean(),
  timeoutMs: z.number().int().min(100).max(AGENT_TOOL_TIMEOUT_MAX_MS),
};

/** What an auth type needs, as `fields` errors (a secret for every type but NONE; HEADER names its header). */
export function agentToolAuthErrors(auth: { type: (typeof agentToolAuthTypes)[number]; headerName?: string; hasSecret: boolean }) {
  const errors: Record<string, string[]> = {};
  if (auth.type !== 'NONE' && !auth.hasSecret) errors['auth.secret'] = [`A secret is required for ${auth.type} auth`];
  if (auth.type === 'HEADER' && !auth.headerName) errors['auth.headerName'] = ['A header name is required for HEADER auth'];
  return errors;
}

export const createAgentToolBodySchema = z.strictObject({
  name: fields.name,
  description: fields.description,
  channelId: fields.channelId.optional(),
  method: fields.method,
  url: fields.url,
  parameters: fields.parameters.default({ type: 'object', properties: {} }),
  headers: fields.headers.default([]),
  auth: fields.auth.default({ type: 'NONE' }),
  enabled: fields.enabled.default(true),
  timeoutMs: fields.timeoutMs.default(AGENT_TOOL_TIMEOUT_DEFAULT_MS),
});
export type CreateAgentToolBody = z.infer<typeof createAgentToolBodySchema>;

/** `POST /api/channels/[id]/agent-tools`: the channel comes from the path. */
export const createChannelAgentToolBodySchema = createAgentToolBodySchema.omit({ channelId: true });

/**
 * Partial. `headers` replaces the list; a header sent without `value` keeps the stored value of that name.
 * `auth` without `secret` keeps the stored secret when the type is unchanged.
 */
export const updateAgentToolBodySchema = z.strictObject({
  name: fields.name.optional(),
  description: fields.description.optional(),
  channelId: fields.channelId.optional(),
  method: fields.method.optional(),
  url: fields.url.optional(),
  parameters: fields.parameters.optional(),
  headers: z.array(z.strictObject({ name: headerName, value: z.string().max(4096).optional() })).max(20).optional(),
  auth: fields.auth.optional(),
  enabled: fields.enabled.optional(),
  timeoutMs: fields.timeoutMs.optional(),
});
export type UpdateAgentToolBody = z.infer<typeof updateAgentToolBodySchema>;

export const agentToolLogSchema = z.object({
  id: z.string(),
  toolId: z.string(),
  conversationId: z.string().nullable(),
  messageId: z.string().nullable(),
  arguments: z.unknown(),
  status: z.enum(agentToolLogStatuses),
  httpStatus: z.number().int().nullable(),
  durationMs: z.number().int(),
  responsePreview: z.string(),
  error: z.string().nullable(),
  createdAt: z.string(),
});
export type AgentToolLog = z.infer<typeof agentToolLogSchema>;
export type AgentToolLogStatus = AgentToolLog['status'];

export const testAgentToolBodySchema = z.strictObject({ arguments: z.record(z.string(), z.unknown()).default({}) });
export type TestAgentToolBody = z.infer<typeof testAgentToolBodySchema>;
