import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { media } from '../../db/schema/index.ts';


export const mediaColumns = {
  id: media.id,
  path: media.path,
  name: media.name,
  mimeType: media.mimeType,
  size: media.size,
  createdAt: media.createdAt,
};
const selectMedia = (db: Executor) => db.select(mediaColumns).from(media);
export type MediaRow = Awaited<ReturnType<typeof selectMedia>>[number];

export async function insertMedia(db: Executor, values: typeof media.$inferInsert) {
  const [row] = await db.insert(media).values(values).returning(mediaColumns);
  return row!;
}

export async function findMedia(db: Executor, params: { organizationId: string; id: string }) {
  const [row] = await selectMedia(db).where(and(eq(media.organizationId, params.organizationId), eq(media.id, params.id))).limit(1);
  return row ?? null;
}

/** The organization's media under these paths (what send-message `attachments` names). */
export async function findMediaByPaths(db: Executor, params: { organizationId: string; paths: string[] }) {
  if (!params.paths.length) return [];
  return selectMedia(db).where(and(eq(media.organizationId, params.organizationId), inArray(media.path, params.paths)));
}

export async function deleteMedia(db: Executor, params: { organizationId: string; id: string }) {
  const [row] = await db.delete(media).where(and(eq(media.organizationId, params.organizationId), eq(media.id, params.id))).returning(mediaColumns);
  return row ?? null;
}
