import type { ConversationStatus, Priority } from '@helpstack/contracts';
import { and, count, desc, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.ts';
import { channels, conversations, customers, memberships } from '../../db/schema/index.ts';
import { beforeCursor, cursorTime, encodeCursor, newestFirst, type Cursor } from './cursor.ts';
import { initialVector, matches, rankOf, withMessage, withSubject } from './search.ts';


export const conversationColumns = {
  id: conversations.id,
  channelId: conversations.channelId,
  subject: conversations.subject,
  status: conversations.status,
  priority: conversations.priority,
  assignedToId: conversations.assignedToId,
  language: conversations.language,
  notes: conversations.notes,
  unreadCount: conversations.unreadCount,
  lastMessageAt: conversations.lastMessageAt,
  lastMessagePreview: conversations.lastMessagePreview,
  createdAt: conversations.createdAt,
  updatedAt: conversations.updatedAt,
  customerId: customers.id,
  customerName: customers.name,
  customerEmail: customers.email,
  customerPhone: customers.phone,
};
/** The customer comes with every conversation, in the same query (no N+1). */
const selectWithCustomer = (db: Executor) =>
  db.select(conversationColumns).from(conversations).leftJoin(customers, eq(customers.id, conversations.customerId));
export type ConversationRow = Awaited<ReturnType<typeof selectWithCustomer>>[number];

export interface ConversationFilters {
  status?: ConversationStatus;
  channelId?: string;
  customerId?: string;
  unread?: boolean;
  /** A user id; null for unassigned. */
  assignedToId?: string | null;
  language?: string;
}

/**
 * Beyond this a list answers `total` = the cap: counting 100k rows on every page of a busy inbox is not
 * worth the latency (the exact per-tab numbers are GET /api/conversations/counts).
 */
export const COUNT_CAP = 10_000;
/**
 * A search ranks only the newest this-many matches: a broad prefix ("re") would otherwise rank half the
 * organization on every keystroke. Relevance among recent conversations is what an agent looks for.
 */
export const SEARCH_RANK_WINDOW = 1_000;

function filtersOf(organizationId: string, f: ConversationFilters, query: string | null): SQL[] {
  const where: SQL[] = [eq(conversations.organizationId, organizationId)];
  if (f.status) where.push(eq(conversations.status, f.status));
  if (f.channelId) where.push(eq(conversations.channelId, f.channelId));
  if (f.customerId) where.push(eq(conversations.customerId, f.customerId));
  if (f.unread !== undefined) where.push(f.unread ? gt(conversations.unreadCount, 0) : eq(conversations.unreadCount, 0));
  if (f.assignedToId === null) where.push(isNull(conversations.assignedToId));
  else if (f.assignedToId) where.push(eq(conversations.assignedToId, f.assignedToId));
  if (f.language) where.push(eq(conversations.language, f.language));
  if (query) where.push(matches(query));
  return where;
}

/**
 * One page in `(lastMessageAt desc, id desc)` order — or, with a search query, by relevance first —
 * plus the total under the same filters and the cursor of the next page.
 */
export async function listConversations(db: Executor, params: {
  organizationId: string;
  filters: ConversationFilters;
  /** A tsquery from `prefixQuery`, never raw input. */
  query: string | null;
  limit: number;
  offset: number;
  cursor?: Cursor;
}) {
  const { query, limit } = params;
  const base = filtersOf(params.organizationId, params.filters, query);
  const rank = query ? rankOf(query) : null;
  const page: SQL[] = [...base];
  if (params.cursor) {
    page.push(rank
      ? sql`(${rank}, ${conversations.lastMessageAt}, ${conversations.id}) < (${params.cursor.rank}::real, ${params.cursor.at}::timestamptz, ${params.cursor.id})`
      : beforeCursor(conversations.lastMessageAt, conversations.id, params.cursor));
  }
  const order = rank ? [desc(rank), newestFirst(conversations.lastMessageAt), newestFirst(conversations.id)] : [newestFirst(conversations.lastMessageAt), newestFirst(conversations.id)];

  if (rank) {
    const window = db.select({ id: conversations.id }).from(conversations).where(and(...base))
      .orderBy(newestFirst(conversations.lastMessageAt), newestFirst(conversations.id)).limit(SEARCH_RANK_WINDOW);
    page.push(inArray(conversations.id, window));
  }
  const rowsQuery = db
    .select({ ...conversationColumns, cursorAt: cursorTime(conversations.lastMessageAt), rank: rank ? sql<string>`${rank}::text` : sql<null>`null` })
    .from(conversations)
    .leftJoin(customers, eq(customers.id, conversations.customerId))
    .where(and(...page))
    .orderBy(...order)
    .limit(limit + 1)
    .offset(params.cursor ? 0 : params.offset);
  const totalQuery = db.select({ n: count() }).from(db.select({ one: sql`1` }).from(conversations).where(and(...base)).limit(COUNT_CAP).as('hits'));
  const carried = params.cursor?.total;
  const [rows, counted] = await Promise.all([rowsQuery, carried === undefined ? totalQuery : Promise.resolve(null)]);
  const total = carried ?? counted?.[0]?.n ?? 0;

  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  const nextCursor = more && last ? encodeCursor({ at: last.cursorAt, id: last.id, ...(query ? { rank: last.rank! } : {}), total }) : null;
  return { rows: items as ConversationRow[], total, nextCursor };
}

export async function findConversation(db: Executor, params: { organizationId: string; id: string }): Promise<ConversationRow | null> {
  const [row] = await selectWithCustomer(db)
    .where(and(eq(conversations.organizationId, params.organizationId), eq(conversations.id, params.id)))
    .limit(1);
  return row ?? null;
}

export async function findConversationsByIds(db: Executor, params: { organizationId: string; ids: string[] }): Promise<ConversationRow[]> {
  if (!params.ids.length) return [];
  return selectWithCustomer(db)
    .where(and(eq(conversations.organizationId, params.organizationId), inArray(conversations.id, params.ids)))
    .orderBy(newestFirst(conversations.lastMessageAt), newestFirst(conversations.id));
}

/** What sending into a conversation needs to know: whether replies wait for approval (translation). */
export async function findConversationForSend(db: Executor, params: { organizationId: string; id: string }) {
  const [row] = await db
    .select({
      id: conversations.id,
      channelId: conversations.channelId,
      language: conversations.language,
      customerLanguage: customers.language,
      autoTranslate: channels.autoTranslate,
      channelLanguage: channels.defaultLanguage,
    })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(customers, eq(customers.id, conversations.customerId))
    .where(and(eq(conversations.organizationId, params.organizationId), eq(conversations.id, params.id)))
    .limit(1);
  return row ?? null;
}

/** A channel of the organization (the channels module owns the rest of it). */
export async function findChannel(db: Executor, params: { organizationId: string; id: string }) {
  const [row] = await db
    .select({ id: channels.id, autoTranslate: channels.autoTranslate, defaultLanguage: channels.defaultLanguage })
    .from(channels)
    .where(and(eq(channels.organizationId, params.organizationId), eq(channels.id, params.id)))
    .limit(1);
  return row ?? null;
}

export async function isMember(db: Executor, params: { organizationId: string; userId: string }) {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.organizationId, params.organizationId), eq(memberships.userId, params.userId)))
    .limit(1);
  return Boolean(row);
}

export async function insertConversation(tx: Tx, params: {
  organizationId: string;
  channelId: string;
  customer: { id: string; name: string | null; email: string | null; phone: string | null } | null;
  subject?: string | null;
  language?: string | null;
  priority?: Priority;
  status?: ConversationStatus;
  at: Date;
}) {
  const [row] = await tx
    .insert(conversations)
    .values({
      organizationId: params.organizationId,
      channelId: params.channelId,
      customerId: params.customer?.id ?? null,
      subject: params.subject ?? null,
      language: params.language ?? null,
      priority: params.priority,
      status: params.status,
      lastMessageAt: params.at,
      searchVector: initialVector(params.subject, params.customer),
      createdAt: params.at,
      updatedAt: params.at,
    })
    .returning({ id: conversations.id });
  return row!;
}

export async function updateConversation(db: Executor, params: {
  organizationId: string;
  id: string;
  set: {
    status?: ConversationStatus;
    priority?: Priority;
    assignedToId?: string | null;
    language?: string | null;
    notes?: string | null;
    subject?: string | null;
  };
}) {
  const { subject, ...rest } = params.set;
  const [row] = await db
    .update(conversations)
    .set({ ...rest, ...(subject !== undefined ? { subject, searchVector: withSubject(subject) } : {}), updatedAt: new Date() })
    .where(and(eq(conversations.organizationId, params.organizationId), eq(conversations.id, params.id)))
    .returning({ id: conversations.id });
  return row ?? null;
}

export async function deleteConversation(db: Executor, params: { organizationId: string; id: string }) {
  const [row] = await db
    .delete(conversations)
    .where(and(eq(conversations.organizationId, params.organizationId), eq(conversations.id, params.id)))
    .returning({ id: conversations.id });
  return row ?? null;
}

/** `read`: unreadCount → 0; `unread`: at least 1, so the conversation shows as unread again. */
export async function setReadState(db: Executor, params: { organizationId: string; id: string; read: boolean }) {
  const [row] = await db
    .update(conversations)
    .set({ unreadCount: params.read ? 0 : sql`greatest(${conversations.unreadCount}, 1)`, updatedAt: new Date() })
    .where(and(eq(conversations.organizationId, params.organizationId), eq(conversations.id, params.id)))
    .returning({ id: conversations.id });
  return row ?? null;
}

/** Marks the organization's conversations among `ids` read; answers which exist and which changed. */
export async function markManyRead(tx: Tx, params: { organizationId: string; ids: string[] }) {
  const scope = and(eq(conversations.organizationId, params.organizationId), inArray(conversations.id, params.ids));
  const found = await tx.select({ id: conversations.id }).from(conversations).where(scope);
  const changed = await tx
    .update(conversations)
    .set({ unreadCount: 0, updatedAt: new Date() })
    .where(and(scope, gt(conversations.unreadCount, 0)))
    .returning({ id: conversations.id });
  return { ids: found.map((r) => r.id), changed: changed.map((r) => r.id) };
}

export const PREVIEW_CHARS = 200;

export function previewOf(content: string, attachments: { name: string }[] = []) {
  const text = content.replace(/\s+/g, ' ').trim();
  if (text) return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
  return attachments.length ? `📎 ${attachments.map((a) => a.name).join(', ')}`.slice(0, PREVIEW_CHARS) : null;
}

/**
 * A message was added at `at`: move the conversation to the top, index the text, count it unread if
 * inbound. `greatest` keeps lastMessageAt from going back when two messages commit out of order.
 */
export async function touchConversation(tx: Tx, params: {
  organizationId: string;
  id: string;
  at: Date;
  content: string;
  attachments?: { name: string }[];
  inbound: boolean;
}) {
  const preview = previewOf(params.content, params.attachments);
  await tx
    .update(conversations)
    .set({
      lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${params.at})`,
      lastMessagePreview: sql`case when ${params.at} >= ${conversations.lastMessageAt} then ${preview}::text else ${conversations.lastMessagePreview} end`,
      searchVector: withMessage(params.content),
      ...(params.inbound
        ? {
            unreadCount: sql`${conversations.unreadCount} + 1`,
            // The customer answered: a conversation waiting on them is active again.
            status: sql`case when ${conversations.status} = 'PENDING' then 'OPEN'::conversation_status else ${conversations.status} end`,
          }
        : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(conversations.organizationId, params.organizationId), eq(conversations.id, params.id)));
}

/** The customer's most recent conversation on the channel that is still going (OPEN or PENDING). */
export async function findOngoingConversation(tx: Tx, params: { organizationId: string; channelId: string; customerId: string }) {
  const [row] = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(
      eq(conversations.organizationId, params.organizationId),
      eq(conversations.channelId, params.channelId),
      eq(conversations.customerId, params.customerId),
      inArray(conversations.status, ['OPEN', 'PENDING']),
    ))
    .orderBy(newestFirst(conversations.lastMessageAt), newestFirst(conversations.id))
    .limit(1);
  return row ?? null;
}

/** Tab badges in one pass over the organization's conversations (an index-only scan of the status index). */
export async function countConversations(db: Executor, params: { organizationId: string; userId: string }) {
  return db
    .select({
      status: conversations.status,
      total: count(),
      unread: sql<number>`count(*) filter (where ${conversations.unreadCount} > 0)`.mapWith(Number),
      mine: sql<number>`count(*) filter (where ${conversations.assignedToId} = ${params.userId})`.mapWith(Number),
      unassigned: sql<number>`count(*) filter (where ${conversations.assignedToId} is null)`.mapWith(Number),
    })
    .from(conversations)
    .where(eq(conversations.organizationId, params.organizationId))
    .groupBy(conversations.status);
}
