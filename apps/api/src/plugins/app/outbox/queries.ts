import { and, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { domainEventReceipts, domainEvents } from '../../../db/schema/index.ts';

/** The NOTIFY channel a committed emit wakes the dispatchers on (delivered by PostgreSQL at commit). */
export const OUTBOX_CHANNEL = 'helpstack_domain_events';

export interface OutboxEvent {
  id: number;
  organizationId: string;
  type: string;
  payload: unknown;
  createdAt: Date;
  /** Dispatches begun, this one included. */
  attempts: number;
}

/** Inside the caller's transaction: stored and announced only if it commits. */
export async function insertEvent(tx: Executor, params: { organizationId: string; type: string; payload: unknown }) {
  await tx.insert(domainEvents).values(params);
  await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
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
    returning id, organization_id, type, payload, created_at, attempts
  `)) as unknown as { rows: { id: number | string; organization_id: string; type: string; payload: unknown; created_at: Date | string; attempts: number }[] };
  return result.rows
    // node-postgres returns bigint as a string.
    .map((r) => ({ id: Number(r.id), organizationId: r.organization_id, type: r.type, payload: r.payload, createdAt: new Date(r.created_at), attempts: Number(r.attempts) }))
    .sort((a, b) => a.id - b.id);
}

/** Records that `subscriber` handled the event; false if it already had (a redispatch). */
export async function insertReceipt(tx: Executor, params: { eventId: number; subscriber: string }) {
  const rows = await tx.insert(domainEventReceipts).values(params).onConflictDoNothing().returning({ eventId: domainEventReceipts.eventId });
  return rows.length > 0;
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
