import { and, count, eq, ne } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.ts';
import { messages, type MessageAttachment } from '../../db/schema/index.ts';
import { takeTokens } from '../organization/tokens.ts';
import { beforeCursor, cursorTime, encodeCursor, newestFirst, type Cursor } from '../conversations/cursor.ts';


export const messageColumns = {
  id: messages.id,
  organizationId: messages.organizationId,
  conversationId: messages.conversationId,
  direction: messages.direction,
  senderType: messages.senderType,
  authorId: messages.authorId,
  content: messages.content,
  translatedContent: messages.translatedContent,
  language: messages.language,
  translatedLanguage: messages.translatedLanguage,
  translationStatus: messages.translationStatus,
  originalContent: messages.originalContent,
  approved: messages.approved,
  status: messages.status,
  error: messages.error,
  attempts: messages.attempts,
  attachments: messages.attachments,
  private: messages.private,
  mentions: messages.mentions,
  emailSubject: messages.emailSubject,
  emailHtml: messages.emailHtml,
  createdAt: messages.createdAt,
};
const selectMessages = (db: Executor) => db.select(messageColumns).from(messages);
export type MessageRow = Awaited<ReturnType<typeof selectMessages>>[number];

/**
 * One page of a conversation, oldest→newest: the newest `limit` messages older than the cursor (or
 * after skipping `offset` newer ones), and the cursor of the page before it.
 */
export async function listMessages(db: Executor, params: { organizationId: string; conversationId: string; limit: number; offset: number; cursor?: Cursor }) {
  const base = and(eq(messages.organizationId, params.organizationId), eq(messages.conversationId, params.conversationId));
  const page = params.cursor ? and(base, beforeCursor(messages.createdAt, messages.id, params.cursor)) : base;
  const [rows, [total]] = await Promise.all([
    db.select({ ...messageColumns, cursorAt: cursorTime(messages.createdAt) }).from(messages).where(page)
      .orderBy(newestFirst(messages.createdAt), newestFirst(messages.id)).limit(params.limit + 1).offset(params.cursor ? 0 : params.offset),
    db.select({ n: count() }).from(messages).where(base),
  ]);
  const more = rows.length > params.limit;
  const items = more ? rows.slice(0, params.limit) : rows;
  const oldest = items.at(-1);
  return {
    rows: items.reverse() as MessageRow[],
    total: total?.n ?? 0,
    nextCursor: more && oldest ? encodeCursor({ at: oldest.cursorAt, id: oldest.id }) : null,
  };
}

export async function findMessage(db: Executor, params: { organizationId: string; id: string }) {
  const [row] = await selectMessages(db).where(and(eq(messages.organizationId, params.organizationId), eq(messages.id, params.id))).limit(1);
  return row ?? null;
}

export async function insertMessage(tx: Tx, values: typeof messages.$inferInsert) {
  const [row] = await tx.insert(messages).values(values).returning(messageColumns);
  return row!;
}

/** Inserts unless a message with the same clientMessageId (conversation) or externalId (organization) exists; null then. */
export async function insertMessageOnce(tx: Tx, values: typeof messages.$inferInsert) {
  const [row] = await tx.insert(messages).values(values).onConflictDoNothing().returning(messageColumns);
  return row ?? null;
}

export async function findByClientMessageId(db: Executor, params: { organizationId: string; conversationId: string; clientMessageId: string }) {
  const [row] = await selectMessages(db).where(and(
    eq(messages.organizationId, params.organizationId),
    eq(messages.conversationId, params.conversationId),
    eq(messages.clientMessageId, params.clientMessageId),
  )).limit(1);
  return row ?? null;
}

export async function findByExternalId(db: Executor, params: { organizationId: string; externalId: string }) {
  const [row] = await selectMessages(db).where(and(eq(messages.organizationId, params.organizationId), eq(messages.externalId, params.externalId))).limit(1);
  return row ?? null;
}

/**
 * Approves a waiting message; null when there is none to approve (missing, approved already, its
 * translation still running, or a SYSTEM note, which is never sent).
 */
export async function approveMessage(db: Executor, params: { organizationId: string; id: string }) {
  const [row] = await db
    .update(messages)
    .set({ approved: true })
    .where(and(
      eq(messages.organizationId, params.organizationId),
      eq(messages.id, params.id),
      eq(messages.approved, false),
      ne(messages.translationStatus, 'PENDING'),
      ne(messages.senderType, 'SYSTEM'),
    ))
    .returning(messageColumns);
  return row ?? null;
}

/** Puts a FAILED outbound reply back in line; null when the message is not (or no longer) FAILED. */
export async function resetFailedMessage(db: Executor, params: { organizationId: string; id: string }) {
  const [row] = await db
    .update(messages)
    .set({ status: 'PENDING', error: null })
    .where(and(
      eq(messages.organizationId, params.organizationId),
      eq(messages.id, params.id),
      eq(messages.direction, 'OUTBOUND'),
      eq(messages.approved, true),
      eq(messages.status, 'FAILED'),
    ))
    .returning(messageColumns);
  return row ?? null;
}

/** A sent reply's tokens: all of `amount` or none (organization/tokens.ts). The new balance, or null when short. */
export async function consumeTokens(tx: Tx, params: { organizationId: string; amount: number }) {
  const taken = await takeTokens(tx, params);
  return taken ? taken.balance : null;
}

export type { MessageAttachment };
