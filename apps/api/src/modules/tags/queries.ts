import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { tags } from '../../db/schema/index.ts';

export type TagRow = typeof tags.$inferSelect;

const scope = (organizationId: string, id: string) => and(eq(tags.organizationId, organizationId), eq(tags.id, id));

export async function listTags(db: Executor, params: { organizationId: string }) {
  return db.select().from(tags).where(eq(tags.organizationId, params.organizationId)).orderBy(asc(sql`lower(${tags.name})`)).limit(1000);
}

/** The organization's tags among `ids` (the others — unknown, another organization's — are left out). */
export async function findTags(db: Executor, params: { organizationId: string; ids: string[] }) {
  if (!params.ids.length) return [];
  return db.select().from(tags).where(and(eq(tags.organizationId, params.organizationId), inArray(tags.id, params.ids)));
}

/** null when the name is taken in the organization (the unique index decides, race-proof). */
export async function insertTag(db: Executor, values: { organizationId: string; name: string; color: string }) {
  const [row] = await db.insert(tags).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** Throws the driver's unique violation when the new name is another tag's. */
export async function updateTag(db: Executor, params: { organizationId: string; id: string; set: Partial<Pick<TagRow, 'name' | 'color'>> }) {
  const [row] = await db.update(tags).set({ ...params.set, updatedAt: new Date() }).where(scope(params.organizationId, params.id)).returning();
  return row ?? null;
}

export async function deleteTag(db: Executor, params: { organizationId: string; id: string }) {
  const [row] = await db.delete(tags).where(scope(params.organizationId, params.id)).returning({ id: tags.id });
  return row ?? null;
}
