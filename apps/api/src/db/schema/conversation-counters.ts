import { bigint, boolean, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { conversationStatusEnum } from './conversations.ts';

/**
 * How many conversations an organization has per status × assignee × channel × unread: the list's
 * `total` and the tab badges (GET /api/conversations/counts) sum a handful of these rows instead of
 * counting conversations. Kept exact by statement triggers on `conversations` (migration
 * 0014_conversation_counter_triggers), in the same transaction as the change, so no code path can
 * forget them. `assignee_id` is '' for unassigned (a primary key column cannot be null). No foreign
 * key: when an organization (or a channel) is deleted, the cascade deletes its conversations and the
 * delete trigger takes their buckets to 0 and removes the emptied rows.
 */
export const conversationCounters = pgTable(
  'conversation_counters',
  {
    organizationId: text('organization_id').notNull(),
    status: conversationStatusEnum('status').notNull(),
    assigneeId: text('assignee_id').notNull(),
    channelId: text('channel_id').notNull(),
    unread: boolean('unread').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'conversation_counters_pkey', columns: [t.organizationId, t.status, t.assigneeId, t.channelId, t.unread] })],
);
