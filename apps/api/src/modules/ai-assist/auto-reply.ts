import type { FastifyInstance } from 'fastify';
import { AppError } from '../../lib/errors.ts';
import { findConversation } from '../conversations/queries.ts';
import { toConversation } from '../conversations/serializers.ts';
import { createOutboundMessage, dispatchOutbound } from '../inbox/replies.ts';
import { insertMessage } from '../messages/queries.ts';
import { toMessage } from '../messages/serializers.ts';
import { humanRepliedSince } from './queries.ts';
import { draftReply } from './suggest.ts';

/** CONTRACT §8.3: the AI answers only when no person has replied for this long. */
export const HUMAN_QUIET_MS = 10 * 60_000;

/**
 * The auto-reply job of one inbound message: the model drafts an answer (an AI reply, sent at once with
 * autoApprove, else waiting for approval), or hands over: then a SYSTEM note says why and the conversation
 * stays OPEN for the agents. Skipped (logged) without tokens or a provider.
 */
export async function runAutoReply(app: FastifyInstance, job: { organizationId: string; messageId: string }) {
  const { organizationId } = job;
  const log = app.log.child({ messageId: job.messageId, organizationId });
  let draft;
  try {
    draft = await draftReply(app, { organizationId, id: job.messageId, autoReply: true });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    log.warn({ reason: `${err.code}: ${err.message}` }, 'auto-reply skipped');
    return;
  }
  const { context, message } = draft;
  if (message.direction !== 'INBOUND' || !context.channel.autoReply) return;
  if (!draft.handoff && !draft.content) return;
  // A person may have answered while the model was thinking: they take precedence.
  if (await humanRepliedSince(app.db, { organizationId, conversationId: context.conversationId, since: new Date(Date.now() - HUMAN_QUIET_MS) })) return;

  let row;
  try {
    row = await app.db.transaction(async (tx) => {
      const created = draft.handoff
        ? await insertMessage(tx, {
            organizationId,
            conversationId: context.conversationId,
            direction: 'OUTBOUND',
            senderType: 'SYSTEM',
            authorId: null,
            content: `The AI assistant handed this conversation to a human agent: ${draft.handoff.reason}`,
            // An internal note: private and never approved, so never sent to the customer.
            approved: false,
            private: true,
            status: 'PENDING',
          })
        : await createOutboundMessage(tx, {
            organizationId,
            conversation: { id: context.conversationId },
            content: draft.content,
            attachments: [],
            author: { kind: 'ai' },
            approve: context.channel.autoApprove,
          });
      await app.events.emit(tx, { organizationId, type: 'message.created', data: toMessage(created) });
      const conversation = await findConversation(tx, { organizationId, id: context.conversationId });
      if (conversation) await app.events.emit(tx, { organizationId, type: 'conversation.updated', data: toConversation(conversation) });
      return created;
    });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    log.warn({ reason: `${err.code}: ${err.message}` }, 'auto-reply not stored');
    return;
  }
  await dispatchOutbound(app, row);
}
