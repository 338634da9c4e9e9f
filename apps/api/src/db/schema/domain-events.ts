import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { organizations } from './organizations.ts';

/**
 * What subscribers other than realtime need to know about an event that the resource itself does not say:
 * the user who caused it (nobody is notified of their own action) and, for an assignment, who had it before.
 */
export interface EventMeta {
  actorUserId?: string | null;
  previousAssignedToId?: string | null;
  /** On a customer's `message.created`: whether it opened its conversation (absent on older events: look it up). */
  opensConversation?: boolean;
}

/**
 * The outbox: a domain event is inserted by the transaction that makes the change it describes, so it
 * exists exactly when the change does. The dispatcher claims undispatched rows (a lease, so a crashed
 * instance's claims come back) and hands each to every subscriber; dispatched rows are pruned later.
 */
export const domainEvents = pgTable(
  'domain_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<unknown>().notNull(),
    /** Context beside the resource: who acted, what a field was before (EventMeta); the wire payload stays the resource. */
    meta: jsonb('meta').$type<EventMeta>(),
    createdAt: createdAt(),
    /** Set once every subscriber has handled the event. */
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true, mode: 'date' }),
    /** A claim expires by itself: an instance that dies mid-dispatch leaves the event to another. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true, mode: 'date' }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    // The dispatcher's scan: only undispatched rows, oldest first.
    index('domain_events_undispatched_idx').on(t.id).where(sql`dispatched_at is null`),
    index('domain_events_created_idx').on(t.createdAt),
  ],
);

/** Which subscriber has handled which event: written in the subscriber's own transaction, so a redispatch skips it. */
export const domainEventReceipts = pgTable(
  'domain_event_receipts',
  {
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => domainEvents.id, { onDelete: 'cascade' }),
    subscriber: text('subscriber').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.subscriber] })],
);
