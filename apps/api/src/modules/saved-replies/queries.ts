import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { savedReplies } from '../../db/schema/index.ts';

export type SavedReplyRow = typeof savedReplies.$inferSelect;

const scope = (organizationId: string, id: string) => and(eq(savedReplies.organizationId, organizationId), eq(savedReplies.id, id));

/** With a channel: that channel's own and the organization-wide ones (what its composer offers); all without. */
export async function listSavedReplies(db: Executor, params: { organizationId: string; channelId?: string }) {
  return db
    .select()
    .from(savedReplies)
    .where(and(
      eq(savedReplies.organizationId, params.organizationId),
      params.channelId ? or(eq(savedReplies.channelId, params.channelId), isNull(savedReplies.channelId)) : undefined,
    ))
    .orderBy(asc(savedReplies.shortcut))
    .limit(1000);
}

/** null when the shortcut is taken in the organization (the unique index decides, race-proof). */
export async function insertSavedReply(db: Executor, values: { organizationId: string; channelId: string | null; shortcut: string; title: string; content: string }) {
  const [row] = await db.insert(savedReplies).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** Throws the driver's unique violation when the new shortcut is another reply's. */
export async function updateSavedReply(db: Executor, params: {
  organizationId: string;
  id: string;
  set: Partial<Pick<SavedReplyRow, 'channelId' | 'shortcut' | 'title' | 'content'>>;
}) {
  const [row] = await db
    .update(savedReplies)
    .set({ ...params.set, updatedAt: new Date() })
    .where(scope(params.organizationId, params.id))
    .returning();
  return row ?? null;
}

export async function deleteSavedReply(db: Executor, params: { organizationId: string; id: string }) {
  const [row] = await db.delete(savedReplies).where(scope(params.organizationId, params.id)).returning({ id: savedReplies.id });
  return row ?? null;
}
