import { bigint, index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { organizations } from './organizations.ts';

/** Last sequence number handed out per organization: events are numbered 1, 2, 3… per tenant. */
export const realtimeCounters = pgTable('realtime_counters', {
  organizationId: text('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
});

/** Recent events, replayed to a socket that reconnects with `?since=<seq>`; pruned after an hour. */
export const realtimeEvents = pgTable(
  'realtime_events',
  {
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    type: text('type').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.seq] }), index('realtime_events_created_idx').on(t.createdAt)],
);
