import type { ConversationStatus, Priority, VisitorContext } from '@helpstack/contracts';
import { and, count, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.ts';
import { channels, conversations, conversationTags, customers, memberships } from '../../db/schema/index.ts';
import { beforeCursor, cursorTime, encodeCursor, newestFirst, type Cursor } from './cursor.ts';
import { countersCover, countFromCounters } from './counters.ts';
import type { ConversationFilters } from './filters.ts';
import { initialVector, matches, rankOf, withMessage, withSubject } from './search.ts';
import { conversationColumns } from './columns.ts';
import { recentPage } from './recent-page.ts';


export { conversationColumns } from './columns.ts';
/** The customer comes with every conversation, in the same query (no N+1). */
const selectWithCustomer = (db: Executor) =>
  db.select(conversationColumns).from(conversations).leftJoin(customers, eq(customers.id, conversations.customerId));
export type ConversationRow = Awaited<ReturnType<typeof selectWithCustomer>>[number];

export type { ConversationFilters } from './filters.ts';


/**
 * Lists filtered by what the counters do not cover (customer, language) count at most this many rows
 * and then answer `total` = the cap with `totalIsEstimate: true`.
 */
export const COUNT_CAP = 1_000;
/**
 * A search ranks the newest this-many matches by relevance (and pages through them): walking the
 * recency index until this many matches are found is what keeps a word in a third of the organization
 * fast, and a rare word's matches come from the GIN index and are all within it. Relevance among
 * recent conversations is what an agent looks for; `total` says how many are in the window, marked
 * an estimate when the window is full.
 */
export const SEARCH_RANK_WINDOW = 200;

function filtersOf(organizationId: string, f: ConversationFilters, query: string | null): SQL[] {
  const where: SQL[] = [eq(conversations.organizationId, organizationId)];
  if (f.status) where.push(eq(conversations.status, f.status));
  if (f.channelId) where.push(eq(conversations.channelId, f.channelId));
  if (f.customerId) where.push(eq(conversations.customerId, f.customerId));
  if (f.unread !== undefined) where.push(f.unread ? gt(conversations.unreadCount, 0) : eq(conversations.unreadCount, 0));
  if (f.assignedToId === null) where.push(isNull(conversations.assignedToId));
  else if (f.assignedToId) where.push(eq(conversations.assignedToId, f.assignedToId));
  if (f.language) where.push(eq(conversations.language, f.language));
  // One probe of conversation_tags_tag_idx per tag (all of them must be there).
  for (const tagId of f.tagIds ?? []) {
    where.push(sql`exists (select 1 from ${conversationTags} where ${conversationTags.tagId} = ${tagId} and ${conversationTags.conversationId} = ${conversations.id})`);
  }
  if (f.snoozed !== undefined) where.push(f.snoozed ? isNotNull(conversations.snoozedUntil) : isNull(conversations.snoozedUntil));
  if (f.since) where.push(gte(conversations.lastMessageAt, f.since));
  if (f.until) where.push(lt(conversations.lastMessageAt, f.until));
  if (query) where.push(matches(query));
  return where;
}

export interface ConversationPage {
  rows: ConversationRow[];
  total: number;
  /** `total` is a lower bound (a capped count or a full search window), not an exact count. */
  totalIsEstimate: boolean;
  nextCursor: string | null;
}

interface ListParams {
  organizationId: string;
  filters: ConversationFilters;
  /** A tsquery from `prefixQuery`, never raw input. */
  query: string | null;
  limit: number;
  offset: number;
  cursor?: Cursor;
}

/**
 * One page in `(lastMessageAt desc, id desc)` order — or, with a search query, by relevance first
 * among the newest SEARCH_RANK_WINDOW matches — plus the total under the same filters and the cursor
 * of the next page.
 */
export async function listConversations(db: Executor, params: ListParams): Promise<ConversationPage> {
  return params.query ? searchConversations(db, { ...params, query: params.query }) : listRecent(db, params);
}

async function listRecent(db: Executor, params: ListParams): Promise<ConversationPage> {
  const { limit, filters, organizationId } = params;
  if (countersCover(filters)) {
    // The hot path: page and exact total in one prepared statement (recent-page.ts).
    const rows = await recentPage(db, { ...params, limit: limit + 1 });
    const total = rows[0]?.total ?? (await countFromCounters(db, organizationId, filters));
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    const last = items.at(-1);
    const nextCursor = more && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null;
    return { rows: items as ConversationRow[], total, totalIsEstimate: false, nextCursor };
  }
  const base = filtersOf(organizationId, filters, null);
  const page = params.cursor ? [...base, beforeCursor(conversations.lastMessageAt, conversations.id, params.cursor)] : base;
  const rowsQuery = db
    .select({ ...conversationColumns, cursorAt: cursorTime(conversations.lastMessageAt) })
    .from(conversations)
    .leftJoin(customers, eq(customers.id, conversations.customerId))
    .where(and(...page))
    .orderBy(newestFirst(conversations.lastMessageAt), newestFirst(conversations.id))
    .limit(limit + 1)
    .offset(params.cursor ? 0 : params.offset);
  const totalOf = async (): Promise<{ total: number; totalIsEstimate: boolean }> => {
    // The counters are exact and cheap: every page reads them, so deep pages see the live total.
    if (countersCover(filters)) return { total: await countFromCounters(db, organizationId, filters), totalIsEstimate: false };
    const carried = params.cursor?.total;
    if (carried !== undefined) return { total: carried, totalIsEstimate: carried >= COUNT_CAP };
    // In list order, so PostgreSQL walks the recency index and stops at the cap instead of scanning the table.
    const capped = db.select({ one: sql`1` }).from(conversations).where(and(...base))
      .orderBy(newestFirst(conversations.lastMessageAt), newestFirst(conversations.id)).limit(COUNT_CAP);
    const [row] = await db.select({ n: count() }).from(capped.as('hits'));
    const n = row?.n ?? 0;
    return { total: n, totalIsEstimate: n >= COUNT_CAP };
  };
  const [rows, { total, totalIsEstimate }] = await Promise.all([rowsQuery, totalOf()]);
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  const nextCursor = more && last ? encodeCursor({ at: last.cursorAt, id: last.id, ...(countersCover(filters) ? {} : { total }) }) : null;
  return { rows: items as ConversationRow[], total, totalIsEstimate, nextCursor };
}

/**
 * One statement: the window of the newest matches (a CTE, which PostgreSQL and PGlite plan either as a
 * walk down the recency index that stops after SEARCH_RANK_WINDOW matches — a common word — or as a GIN
 * bitmap scan of all matches sorted by recency — a rare word; the planner picks by the word's
 * estimated selectivity), ranked, paged, with the window's size as the total.
 */
async function searchConversations(db: Executor, params: ListParams & { query: string }): Promise<ConversationPage> {
  const { limit, query } = params;
  const hits = db.$with('hits').as(
    db
      .select({
        hitId: sql<string>`${conversations.id}`.as('hit_id'),
        hitAt: sql<Date>`${conversations.lastMessageAt}`.as('hit_at'),
        hitRank: sql<number>`${rankOf(query)}`.as('hit_rank'),
      })
      .from(conversations)
      .where(and(...filtersOf(params.organizationId, params.filters, query)))
      .orderBy(newestFirst(conversations.lastMessageAt), newestFirst(conversations.id))
      .limit(SEARCH_RANK_WINDOW),
  );
  // The page is cut from the window before joining the rows and their customers: 21 lookups, not 200.
  const order = [desc(hits.hitRank), newestFirst(hits.hitAt), newestFirst(hits.hitId)];
  const page = db.$with('page').as(
    db
      .select({ pageId: sql<string>`${hits.hitId}`.as('page_id'), pageRank: sql<number>`${hits.hitRank}`.as('page_rank') })
      .from(hits)
      .where(params.cursor
        ? sql`(${hits.hitRank}, ${hits.hitAt}, ${hits.hitId}) < (${params.cursor.rank}::real, ${params.cursor.at}::timestamptz, ${params.cursor.id})`
        : undefined)
      .orderBy(...order)
      .limit(limit + 1)
      .offset(params.cursor ? 0 : params.offset),
  );
  const rows = await db
    .with(hits, page)
    .select({
      ...conversationColumns,
      cursorAt: cursorTime(conversations.lastMessageAt),
      // Named apart from page_rank: ORDER BY page_rank must mean the real, not this text.
      rankText: sql<string>`${page.pageRank}::text`.as('rank_text'),
      windowSize: sql<number>`(select count(*) from ${hits})`.mapWith(Number),
    })
    .from(page)
    .innerJoin(conversations, eq(conversations.id, page.pageId))
    .leftJoin(customers, eq(customers.id, conversations.customerId))
    .orderBy(desc(page.pageRank), newestFirst(conversations.lastMessageAt), newestFirst(conversations.id));
  // An empty page (past the end) still needs the window's size.
  const total = rows[0]?.windowSize ?? (await db.with(hits).select({ n: count() }).from(hits))[0]?.n ?? 0;
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  const nextCursor = more && last ? encodeCursor({ at: last.cursorAt, id: last.id, rank: last.rankText }) : null;
  return { rows: items as ConversationRow[], total, totalIsEstimate: total >= SEARCH_RANK_WINDOW, nextCursor };
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
    .select({ id: channels.id, autoTranslate: channels.autoTranslate, defaultLanguage: channels.defaultLanguage, fallbackLanguage: channels.fallbackLanguage })
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
  /** A widget visitor's page, browser, locale and time zone (the first message's). */
  context?: VisitorContext | null;
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
      context: params.context ?? null,
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
    snoozedUntil?: Date | null;
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
            // The customer answered: a conversation waiting on them (or snoozed) is active again.
            status: sql`case when ${conversations.status} = 'PENDING' then 'OPEN'::conversation_status else ${conversations.status} end`,
            snoozedUntil: null,
          }
        : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(conversations.organizationId, params.organizationId), eq(conversations.id, params.id)));
}

/** The customer's most recent conversation on the channel that is still going (OPEN or PENDING), with its language. */
export async function findOngoingConversation(tx: Tx, params: { organizationId: string; channelId: string; customerId: string }) {
  const [row] = await tx
    .select({ id: conversations.id, language: conversations.language })
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

/** Tab badges, from the counters (no scan of the conversations). */
export { countersByStatus as countConversations } from './counters.ts';

/** Puts tags on a conversation (ones it already has are left as they are). */
export async function addConversationTags(tx: Tx, params: { conversationId: string; tagIds: string[] }) {
  if (!params.tagIds.length) return;
  await tx.insert(conversationTags).values(params.tagIds.map((tagId) => ({ conversationId: params.conversationId, tagId }))).onConflictDoNothing();
}

export async function removeConversationTags(tx: Tx, params: { conversationId: string; tagIds: string[] }) {
  if (!params.tagIds.length) return;
  await tx.delete(conversationTags).where(and(eq(conversationTags.conversationId, params.conversationId), inArray(conversationTags.tagId, params.tagIds)));
}

/** Snoozes that ended before `before` and are still set (the partial index conversations_snoozed_until_idx). */
export async function findOverdueSnoozes(db: Executor, before: Date) {
  return db
    .select({ id: conversations.id, organizationId: conversations.organizationId, snoozedUntil: conversations.snoozedUntil })
    .from(conversations)
    .where(and(isNotNull(conversations.snoozedUntil), sql`${conversations.snoozedUntil} < ${before}`))
    .orderBy(conversations.snoozedUntil)
    .limit(100);
}
