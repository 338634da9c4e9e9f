import { and, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { messages } from '../../db/schema/index.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { serializeMessage } from '../messages/serializers.ts';
import { findVisitorConversation, type WidgetChannel } from './queries.ts';

/**
 * The visitor has seen the chat up to `messageId` (the widget reports it while the chat is visible and
 * focused): every reply the visitor could see until then moves to READ — forward only, never back from
 * READ and never a FAILED one — each with its `message.updated` so agents see it at once. The seen reply
 * itself counts even while PENDING: the worker pushes to the visitor's socket before it writes DELIVERED, so
 * a quick visitor reads it first; the worker then finds it no longer PENDING and leaves it READ. Earlier
 * PENDING ones stay for the worker — the visitor may not have them yet.
 * Answers how many changed.
 */
export async function markSeenByVisitor(app: Pick<FastifyInstance, 'db' | 'events'>, channel: WidgetChannel, params: { visitorId: string; messageId: string }) {
  const { organizationId } = channel;
  const conversation = await findVisitorConversation(app.db, { organizationId, channelId: channel.id, visitorId: params.visitorId });
  if (!conversation) throw new NotFoundError('Message');
  return app.db.transaction(async (tx) => {
    const [seen] = await tx.select({ createdAt: messages.createdAt }).from(messages)
      .where(and(eq(messages.organizationId, organizationId), eq(messages.conversationId, conversation.id), eq(messages.id, params.messageId))).limit(1);
    // A message of another conversation is as missing as one that never existed.
    if (!seen) throw new NotFoundError('Message');
    const now = new Date();
    const updated = await tx.update(messages)
      .set({ status: 'READ', sentAt: sql`coalesce(${messages.sentAt}, ${now})`, deliveredAt: sql`coalesce(${messages.deliveredAt}, ${now})` })
      .where(and(
        eq(messages.organizationId, organizationId),
        eq(messages.conversationId, conversation.id),
        eq(messages.direction, 'OUTBOUND'),
        // Notes and activity lines are never shown to the visitor, so the visitor never read them.
        eq(messages.private, false),
        eq(messages.approved, true),
        or(inArray(messages.status, ['SENT', 'DELIVERED']), and(eq(messages.id, params.messageId), eq(messages.status, 'PENDING'))),
        lte(messages.createdAt, seen.createdAt),
      ))
      .returning();
    for (const row of updated) {
      await app.events.emit(tx, { organizationId, type: 'message.updated', data: serializeMessage(row, { kind: 'agent' }) });
    }
    return updated.length;
  });
}
