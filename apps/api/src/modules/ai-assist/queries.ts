import { and, asc, desc, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { conversations, messages } from '../../db/schema/index.ts';
import { messageColumns } from '../messages/queries.ts';

type TranslationChange = {
  translationStatus: 'PENDING' | 'DONE' | 'FAILED';
  translatedContent?: string | null;
  translatedLanguage?: string | null;
  /** autoEnhance: the enhanced text, and what the agent typed. */
  content?: string;
  originalContent?: string;
  /** autoApprove: a translated reply goes out at once. */
  approved?: boolean;
};

/**
 * Stores a translation outcome. A reply approved (or sent) meanwhile is left alone and null answered:
 * `unapproved` guards a retranslation, `pending` the background job (which also yields to a retranslation).
 */
export async function saveTranslation(db: Executor, params: { organizationId: string; id: string; guard?: 'pending' | 'unapproved'; change: TranslationChange }) {
  const [row] = await db
    .update(messages)
    .set(params.change)
    .where(and(
      eq(messages.organizationId, params.organizationId),
      eq(messages.id, params.id),
      ...(params.guard ? [eq(messages.approved, false)] : []),
      ...(params.guard === 'pending' ? [eq(messages.translationStatus, 'PENDING' as const)] : []),
    ))
    .returning(messageColumns);
  return row ?? null;
}

/** CONTRACT §8.3 auto-reply: whether an agent (a person) replied in the conversation since `since`. */
export async function humanRepliedSince(db: Executor, params: { organizationId: string; conversationId: string; since: Date }) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .where(and(
      eq(messages.organizationId, params.organizationId),
      eq(messages.conversationId, params.conversationId),
      eq(messages.senderType, 'AGENT'),
      eq(messages.private, false), // a note is not an answer
      gte(messages.createdAt, params.since),
    ));
  return Number(row?.n ?? 0) > 0;
}

/** The most recently closed conversations (of one channel, or all), with their messages oldest first. */
export async function recentClosedConversations(db: Executor, params: { organizationId: string; channelId?: string; limit: number; messagesEach: number }) {
  const closed = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(
      eq(conversations.organizationId, params.organizationId),
      eq(conversations.status, 'CLOSED'),
      params.channelId ? eq(conversations.channelId, params.channelId) : undefined,
    ))
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(params.limit);
  if (!closed.length) return [];
  const rows = await db
    .select({ conversationId: messages.conversationId, direction: messages.direction, senderType: messages.senderType, content: messages.content, createdAt: messages.createdAt })
    .from(messages)
    .where(and(eq(messages.organizationId, params.organizationId), inArray(messages.conversationId, closed.map((c) => c.id)), ne(messages.senderType, 'SYSTEM'), eq(messages.private, false)))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  return closed.map((c) => rows.filter((m) => m.conversationId === c.id).slice(-params.messagesEach));
}
