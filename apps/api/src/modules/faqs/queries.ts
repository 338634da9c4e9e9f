import { and, asc, eq, inArray, isNull, max, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { channels, faqs } from '../../db/schema/index.ts';

export type FaqRow = typeof faqs.$inferSelect;

const ordered = [asc(faqs.order), asc(faqs.createdAt), asc(faqs.id)] as const;

/** A channel filter: a channel's own FAQs, or — with no channel — all of the organization's. */
export async function listFaqs(db: Executor, params: { organizationId: string; channelId?: string }) {
  return db
    .select()
    .from(faqs)
    .where(and(eq(faqs.organizationId, params.organizationId), params.channelId ? eq(faqs.channelId, params.channelId) : undefined))
    .orderBy(...ordered)
    .limit(500);
}

/** The chips a widget shows: the channel's own first, then organization-wide ones, at most `limit`. */
export async function listWidgetFaqs(db: Executor, params: { organizationId: string; channelId: string; limit: number }) {
  return db
    .select({ id: faqs.id, question: faqs.question, answer: faqs.answer })
    .from(faqs)
    .where(and(eq(faqs.organizationId, params.organizationId), or(eq(faqs.channelId, params.channelId), isNull(faqs.channelId))))
    .orderBy(sql`${faqs.channelId} is null`, ...ordered)
    .limit(params.limit);
}

export async function findFaq(db: Executor, params: { organizationId: string; id: string }) {
  const [row] = await db.select().from(faqs).where(and(eq(faqs.organizationId, params.organizationId), eq(faqs.id, params.id))).limit(1);
  return row ?? null;
}

export async function channelExists(db: Executor, params: { organizationId: string; channelId: string }) {
  const [row] = await db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.organizationId, params.organizationId), eq(channels.id, params.channelId)))
    .limit(1);
  return Boolean(row);
}

export async function nextOrder(db: Executor, params: { organizationId: string; channelId: string | null }) {
  const [row] = await db
    .select({ n: max(faqs.order) })
    .from(faqs)
    .where(and(eq(faqs.organizationId, params.organizationId), params.channelId ? eq(faqs.channelId, params.channelId) : isNull(faqs.channelId)));
  return row?.n === null || row?.n === undefined ? 0 : row.n + 1;
}

export async function insertFaq(db: Executor, values: { organizationId: string; channelId: string | null; question: string; answer: string; order: number }) {
  const [row] = await db.insert(faqs).values(values).returning();
  return row!;
}

export async function updateFaq(
  db: Executor,
  params: { organizationId: string; id: string; patch: Partial<Pick<FaqRow, 'channelId' | 'question' | 'answer' | 'order'>> },
) {
  const [row] = await db
    .update(faqs)
    .set({ ...params.patch, updatedAt: new Date() })
    .where(and(eq(faqs.organizationId, params.organizationId), eq(faqs.id, params.id)))
    .returning();
  return row ?? null;
}

export async function deleteFaq(db: Executor, params: { organizationId: string; id: string }) {
  const [row] = await db
    .delete(faqs)
    .where(and(eq(faqs.organizationId, params.organizationId), eq(faqs.id, params.id)))
    .returning({ id: faqs.id });
  return row ?? null;
}

export async function findFaqsByIds(db: Executor, params: { organizationId: string; ids: string[] }) {
  return db
    .select({ id: faqs.id, channelId: faqs.channelId })
    .from(faqs)
    .where(and(eq(faqs.organizationId, params.organizationId), inArray(faqs.id, params.ids)));
}

/** One statement: each id's position in the list becomes its `order`. */
export async function applyOrder(db: Executor, params: { organizationId: string; ids: string[] }) {
  const positions = sql.join(
    params.ids.map((id, i) => sql`(${id}::text, ${i}::int)`),
    sql`, `,
  );
  await db.execute(sql`
    update ${faqs} set "order" = p.position, updated_at = now()
    from (values ${positions}) as p(id, position)
    where ${faqs.id} = p.id and ${faqs.organizationId} = ${params.organizationId}`);
}
