import { and, asc, eq, isNotNull, ne } from 'drizzle-orm';
import type { Executor } from '../../../../db/client.ts';
import { media, messages } from '../../../../db/schema/index.ts';

/** The Message-IDs of a conversation's earlier mails, oldest first: what a reply's References name. */
export async function threadMessageIds(db: Executor, params: { organizationId: string; conversationId: string; exceptId: string }) {
  const rows = await db.select({ externalId: messages.externalId }).from(messages)
    .where(and(
      eq(messages.organizationId, params.organizationId),
      eq(messages.conversationId, params.conversationId),
      ne(messages.id, params.exceptId),
      isNotNull(messages.externalId),
    ))
    .orderBy(asc(messages.createdAt), asc(messages.id))
    .limit(200);
  return rows.map((r) => r.externalId!).filter((id) => id.startsWith('<'));
}

export async function findAttachmentMedia(db: Executor, params: { organizationId: string; id: string }) {
  const [row] = await db.select({ path: media.path }).from(media)
    .where(and(eq(media.organizationId, params.organizationId), eq(media.id, params.id))).limit(1);
  return row ?? null;
}

export { setConnectionStatus } from '../../queries.ts';
