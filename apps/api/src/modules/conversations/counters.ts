import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { conversationCounters } from '../../db/schema/index.ts';
import type { ConversationFilters } from './filters.ts';

/**
 * Reads of `conversation_counters` (kept exact by triggers, migration 0010): a list's total and the tab
 * badges without counting conversations. The counters are split by status × assignee × channel ×
 * unread, so every filter combination of those four is a sum over a few rows.
 */

/** Whether the counters answer these filters exactly (customer, language, tags, snooze and dates are not among their keys). */
export const countersCover = (f: ConversationFilters): boolean =>
  f.customerId === undefined && f.language === undefined && !f.tagIds?.length && f.snoozed === undefined &&
  f.since === undefined && f.until === undefined;

const c = conversationCounters;
/**
 * One prepared statement for every filter combination (a null parameter leaves its filter out): the
 * sum itself reads a few dozen rows of the primary key, so planning would otherwise cost more than it.
 */
const countQuery = (db: Executor) =>
  db
    .select({ n: sql<number>`coalesce(sum(${c.n}), 0)`.mapWith(Number) })
    .from(c)
    .where(and(
      eq(c.organizationId, sql.placeholder('organizationId')),
      sql`(${sql.placeholder('status')}::conversation_status is null or ${c.status} = ${sql.placeholder('status')}::conversation_status)`,
      sql`(${sql.placeholder('channelId')}::text is null or ${c.channelId} = ${sql.placeholder('channelId')}::text)`,
      sql`(${sql.placeholder('unread')}::boolean is null or ${c.unread} = ${sql.placeholder('unread')}::boolean)`,
      sql`(${sql.placeholder('assigneeId')}::text is null or ${c.assigneeId} = ${sql.placeholder('assigneeId')}::text)`,
    ))
    .prepare('conversation_counters_sum');
const prepared = new WeakMap<Executor, ReturnType<typeof countQuery>>();

/** The exact number of the organization's conversations under `f` (call only when countersCover(f)). */
export async function countFromCounters(db: Executor, organizationId: string, f: ConversationFilters): Promise<number> {
  let query = prepared.get(db);
  if (!query) prepared.set(db, (query = countQuery(db)));
  const [row] = await query.execute({
    organizationId,
    status: f.status ?? null,
    channelId: f.channelId ?? null,
    unread: f.unread ?? null,
    assigneeId: f.assignedToId === undefined ? null : (f.assignedToId ?? ''),
  });
  return row?.n ?? 0;
}

/** Tab badges: per status, all, unread, the caller's and unassigned, from the organization's counter rows. */
export async function countersByStatus(db: Executor, params: { organizationId: string; userId: string }) {
  const n = conversationCounters.n;
  return db
    .select({
      status: conversationCounters.status,
      total: sql<number>`coalesce(sum(${n}), 0)`.mapWith(Number),
      unread: sql<number>`coalesce(sum(${n}) filter (where ${conversationCounters.unread}), 0)`.mapWith(Number),
      mine: sql<number>`coalesce(sum(${n}) filter (where ${conversationCounters.assigneeId} = ${params.userId}), 0)`.mapWith(Number),
      unassigned: sql<number>`coalesce(sum(${n}) filter (where ${conversationCounters.assigneeId} = ''), 0)`.mapWith(Number),
    })
    .from(conversationCounters)
    .where(eq(conversationCounters.organizationId, params.organizationId))
    .groupBy(conversationCounters.status);
}
