import { agentToolAuthTypes, agentToolLogStatuses, agentToolMethods } from '@helpstack/contracts';
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { channels } from './channels.ts';
import { createdAt, id, updatedAt } from './columns.ts';
import { conversations } from './conversations.ts';
import { messages } from './messages.ts';
import { organizations } from './organizations.ts';

export const agentToolMethodEnum = pgEnum('agent_tool_method', agentToolMethods);
export const agentToolAuthTypeEnum = pgEnum('agent_tool_auth_type', agentToolAuthTypes);
export const agentToolLogStatusEnum = pgEnum('agent_tool_log_status', agentToolLogStatuses);

/** The values of a tool's headers and its auth secret: one encrypted envelope, never in a response. */
export interface AgentToolSecrets {
  headers: Record<string, string>;
  authSecret: string | null;
}

/** An HTTP endpoint the AI may call (CONTRACT §9); `channelId` null means every channel of the organization. */
export const agentTools = pgTable(
  'agent_tools',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    channelId: text('channel_id').references(() => channels.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull(),
    method: agentToolMethodEnum('method').notNull(),
    url: text('url').notNull(),
    parameters: jsonb('parameters').$type<Record<string, unknown>>().notNull(),
    /** Header names in order; their values live in `secrets`. */
    headerNames: jsonb('header_names').$type<string[]>().notNull().default([]),
    authType: agentToolAuthTypeEnum('auth_type').notNull().default('NONE'),
    authHeaderName: text('auth_header_name'),
    /** AES-256-GCM envelope (lib/crypto.ts) of AgentToolSecrets, bound to the row id. */
    secrets: text('secrets'),
    hasSecret: boolean('has_secret').notNull().default(false),
    enabled: boolean('enabled').notNull().default(true),
    timeoutMs: integer('timeout_ms').notNull().default(10_000),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('agent_tools_org_name_idx').on(t.organizationId, t.name), index('agent_tools_org_channel_idx').on(t.organizationId, t.channelId)],
);

/** One call of a tool: what was asked, how it ended, the first 2 KB of the answer. Secrets never land here. */
export const agentToolLogs = pgTable(
  'agent_tool_logs',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    toolId: text('tool_id')
      .notNull()
      .references(() => agentTools.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    messageId: text('message_id').references(() => messages.id, { onDelete: 'set null' }),
    arguments: jsonb('arguments').$type<unknown>().notNull(),
    status: agentToolLogStatusEnum('status').notNull(),
    httpStatus: integer('http_status'),
    durationMs: integer('duration_ms').notNull(),
    responsePreview: text('response_preview').notNull().default(''),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [index('agent_tool_logs_tool_created_idx').on(t.toolId, t.createdAt)],
);
