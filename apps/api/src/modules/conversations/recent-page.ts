import { and, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { conversationCounters, conversations, customers } from '../../db/schema/index.ts';
import { cursorTime, newestFirst, type Cursor } from './cursor.ts';
import type { ConversationFilters } from './filters.ts';
import { conversationColumns } from './columns.ts';

/**
 * The inbox's hot path (a list whose filters the counters cover, no search) as ONE prepared statement:
 * the page and its exact total (a scalar subquery over the counters) in one round trip, planned once per
 * connection. Issue 14's profile put ~40 % of a list request in the pg socket writes of its two
 * statements and about half of the page's SQL time in planning.
 *
 * One statement per filter *shape* (which filters are present, the unread direction, cursor or not),
 * each with its own name: a single statement with `$n is null or …` conditions would get one generic
 * plan that cannot pick the status index for `status=OPEN`.
 */

const c = conversationCounters;
const p = (name: string) => sql.placeholder(name);

/** The shape of the filters: which ones are present, and the two whose SQL differs by value. */
function shapeOf(f: ConversationFilters, cursor: boolean): string {
  return [
    f.status ? 's' : '',
    f.channelId ? 'c' : '',
    f.unread === undefined ? '' : f.unread ? 'u1' : 'u0',
    f.assignedToId === undefined ? '' : f.assignedToId === null ? 'a0' : 'a1',
    cursor ? 'k' : '',
  ].join('');
}

function build(db: Executor, f: ConversationFilters, cursor: boolean, name: string) {
  const where: SQL[] = [eq(conversations.organizationId, p('organizationId'))];
  const counted: SQL[] = [eq(c.organizationId, p('organizationId'))];
  if (f.status) {
    where.push(eq(conversations.status, p('status')));
    counted.push(eq(c.status, p('status')));
  }
  if (f.channelId) {
    where.push(eq(conversations.channelId, p('channelId')));
    counted.push(eq(c.channelId, p('channelId')));
  }
  if (f.unread !== undefined) {
    where.push(f.unread ? gt(conversations.unreadCount, 0) : eq(conversations.unreadCount, 0));
    counted.push(eq(c.unread, f.unread));
  }
  if (f.assignedToId === null) {
    where.push(isNull(conversations.assignedToId));
    counted.push(eq(c.assigneeId, ''));
  } else if (f.assignedToId !== undefined) {
    where.push(eq(conversations.assignedToId, p('assigneeId')));
    counted.push(eq(c.assigneeId, p('assigneeId')));
  }
  if (cursor) {
    where.push(sql`(${conversations.lastMessageAt}, ${conversations.id}) < (${p('cursorAt')}::timestamptz, ${p('cursorId')}::text)`);
  }
  return db
    .select({
      ...conversationColumns,
      cursorAt: cursorTime(conversations.lastMessageAt),
      total: sql<number>`(select coalesce(sum(${c.n}), 0) from ${c} where ${and(...counted)})`.mapWith(Number),
    })
    .from(conversations)
    .leftJoin(customers, eq(customers.id, conversations.customerId))
    .where(and(...where))
    .orderBy(newestFirst(conversations.lastMessageAt), newestFirst(conversations.id))
    .limit(p('limit'))
    .offset(p('offset'))
    .prepare(name);
}

type Prepared = ReturnType<typeof build>;
const cache = new WeakMap<Executor, Map<string, Prepared>>();

/**
 * `limit` rows of the page (one more when there is a next page), each carrying the exact total of the
 * list. An empty page carries no total: the caller reads the counters on their own then.
 */
export async function recentPage(db: Executor, params: {
  organizationId: string;
  filters: ConversationFilters;
  limit: number;
  offset: number;
  cursor?: Cursor;
}) {
  const f = params.filters;
  const name = `conversation_page_${shapeOf(f, Boolean(params.cursor))}`;
  let byName = cache.get(db);
  if (!byName) cache.set(db, (byName = new Map()));
  let query = byName.get(name);
  if (!query) byName.set(name, (query = build(db, f, Boolean(params.cursor), name)));
  return query.execute({
    organizationId: params.organizationId,
    status: f.status,
    channelId: f.channelId,
    assigneeId: f.assignedToId ?? undefined,
    cursorAt: params.cursor?.at,
    cursorId: params.cursor?.id,
    limit: params.limit,
    offset: params.cursor ? 0 : params.offset,
  });
}
