import { and, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { domainEventReceipts, domainEvents, type EventMeta } from '../../../db/schema/index.ts';

/** The NOTIFY channel a committed emit wakes the dispatchers on (delivered by PostgreSQL at commit). */
export const OUTBOX_CHANNEL = 'helpstack_domain_events';

export interface OutboxEvent {
  id: number;
  organizationId: string;
  type: string;
  payload: unknown;
  meta: EventMeta;
  createdAt: Date;
  /** Dispatches begun, this one included. */
  attempts: number;
}

/** Inside the caller's transaction: stored and announced only if it commits. */
export async function insertEvent(tx: Executor, params: { organizationId: string; type: string; payload: unknown; meta?: EventMeta | null }) {
  // One round trip for both: every request that changes something emits (the widget's message path emits twice).
  // PostgreSQL folds a transaction's identical notifications into one, delivered at commit.
  await tx.execute(sql`
    with stored as (
      insert into domain_events (organization_id, type, payload, meta)
      values (${params.organizationId}, ${params.type}, ${JSON.stringify(params.payload)}::jsonb, ${params.meta ? JSON.stringify(params.meta) : null}::jsonb)
      returning id
    )
    select pg_notify(${OUTBOX_CHANNEL}, '') from stored
  `);
}

/**
 * Leases up to `limit` undispatched events, oldest first. SKIP LOCKED lets several instances claim at
 * once without waiting on each other; the lease (not a held lock) keeps the claim, so no transaction
 * stays open while subscribers run, and a claim of a crashed instance expires by itself.
 */
export async function claimEvents(db: Executor, params: { limit: number; leaseMs: number }): Promise<OutboxEvent[]> {
  const result = (await db.execute(sql`
    update domain_events set claimed_until = now() + ${params.leaseMs} * interval '1 millisecond', attempts = attempts + 1
    where id in (
      select id from domain_events
      where dispatched_at is null and (claimed_until is null or claimed_until < now())
      order by id
      limit ${params.limit}
      for update skip locked
    )
    returning id, organization_id, type, payload, meta, created_at, attempts
  `)) as unknown as { rows: { id: number | string; organization_id: string; type: string; payload: unknown; meta: EventMeta | null; created_at: Date | string; attempts: number }[] };
  return result.rows
    // node-postgres returns bigint as a string.
    .map((r) => ({ id: Number(r.id), organizationId: r.organization_id, type: r.type, payload: r.payload, meta: r.meta ?? {}, createdAt: new Date(r.created_at), attempts: Number(r.attempts) }))
    .sort((a, b) => a.id - b.id);
}

/**
 * A subscriber's transaction gives up a lock it has waited 200 ms for. Its receipts key-share their events and its
 * handlers key-share the conversations and organizations they write under, so a request deleting those rows (an
 * organization, a channel: the delete cascades to the events) while the subscriber waits for one of them could
 * deadlock with it, and PostgreSQL's detector (after `deadlock_timeout`, 1 s) might then abort the request. Giving
 * up first makes the subscriber the one that yields: a chunk is handed over again one event per transaction, a
 * single event is offered again after its back-off and then finds its rows gone. One event alone deadlocks too
 * (seen with a conversation.created whose notification waited on the deleted conversation), so every
 * transaction yields, not only chunks.
 */
export async function yieldLocksQuickly(tx: Executor) {
  await tx.execute(sql`set local lock_timeout = '200ms'`);
}

/** Records that `subscriber` handles these events; answers those it had not handled yet (the others are redispatches). */
export async function insertReceipts(tx: Executor, params: { eventIds: number[]; subscriber: string }): Promise<Set<number>> {
  if (!params.eventIds.length) return new Set();
  const rows = await tx.insert(domainEventReceipts)
    .values(params.eventIds.map((eventId) => ({ eventId, subscriber: params.subscriber })))
    .onConflictDoNothing()
    .returning({ eventId: domainEventReceipts.eventId });
  return new Set(rows.map((r) => Number(r.eventId)));
}

export async function markDispatched(db: Executor, params: { ids: number[] }) {
  if (!params.ids.length) return;
  await db.update(domainEvents).set({ dispatchedAt: new Date(), claimedUntil: null, lastError: null }).where(inArray(domainEvents.id, params.ids));
}

/** A subscriber failed: the event is offered again after `retryInMs` (the others' receipts keep them from running twice). */
export async function releaseEvent(db: Executor, params: { id: number; retryInMs: number; error: string }) {
  await db.update(domainEvents)
    .set({ claimedUntil: sql`now() + ${params.retryInMs} * interval '1 millisecond'`, lastError: params.error })
    .where(eq(domainEvents.id, params.id));
}

/** Maintenance across organizations: dispatched events (and their receipts, by cascade) older than `before`. */
export async function pruneDispatched(db: Executor, params: { before: Date }) {
  await db.delete(domainEvents).where(and(isNotNull(domainEvents.dispatchedAt), lt(domainEvents.createdAt, params.before)));
}
