import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { conversations, realtimeCounters, realtimeEvents } from '../../db/schema/index.ts';


export interface StoredEvent {
  seq: number;
  type: string;
  data: unknown;
}

const eventColumns = { seq: realtimeEvents.seq, type: realtimeEvents.type, data: realtimeEvents.data };

/**
 * Numbers the event and stores it, in one statement. The counter row stays locked until the statement
 * commits, so the next number of the organization is handed out only once this event is visible: the
 * committed events of an organization are always 1..n with no hole, which replay and gap filling rely on.
 */
export async function appendEvent(db: Executor, params: { organizationId: string; type: string; data: unknown }) {
  const result = (await db.execute(sql`
    with next as (
      insert into realtime_counters (organization_id, seq) values (${params.organizationId}, 1)
      on conflict (organization_id) do update set seq = realtime_counters.seq + 1
      returning seq
    )
    insert into realtime_events (organization_id, seq, type, data)
    select ${params.organizationId}, next.seq, ${params.type}, ${JSON.stringify(params.data)}::jsonb from next
    returning seq
  `)) as unknown as { rows: { seq: number | string | bigint }[] };
  // node-postgres returns bigint as a string.
  return { seq: Number(result.rows[0]!.seq) };
}

/** Last seq handed out in the organization (0 before the first event). */
export async function currentSeq(db: Executor, params: { organizationId: string }) {
  const [row] = await db.select({ seq: realtimeCounters.seq }).from(realtimeCounters)
    .where(eq(realtimeCounters.organizationId, params.organizationId));
  return row?.seq ?? 0;
}

/** Events after `after`, oldest first, optionally only those before `before`. */
export async function eventsAfter(db: Executor, params: { organizationId: string; after: number; before?: number; limit: number }): Promise<StoredEvent[]> {
  return db.select(eventColumns).from(realtimeEvents)
    .where(and(
      eq(realtimeEvents.organizationId, params.organizationId),
      gt(realtimeEvents.seq, params.after),
      params.before === undefined ? undefined : lt(realtimeEvents.seq, params.before),
    ))
    .orderBy(asc(realtimeEvents.seq))
    .limit(params.limit);
}

/**
 * Deletes events older than `before` in every organization: maintenance, not a tenant's request, so it
 * is the one query here without an organization (the created_at index serves it).
 */
export async function pruneEvents(db: Executor, params: { before: Date }) {
  await db.delete(realtimeEvents).where(lt(realtimeEvents.createdAt, params.before));
}

export async function conversationExists(db: Executor, params: { organizationId: string; id: string }) {
  const [row] = await db.select({ id: conversations.id }).from(conversations)
    .where(and(eq(conversations.organizationId, params.organizationId), eq(conversations.id, params.id))).limit(1);
  return row !== undefined;
}
