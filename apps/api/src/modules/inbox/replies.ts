import type { Message } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import type { Tx } from '../../db/client.ts';
import type { MessageAttachment } from '../../db/schema/index.ts';
import { authorColumns, type MessageAuthor } from '../../lib/actor.ts';
import { ConflictError, InsufficientTokensError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { emitConversationChange } from '../conversations/changes.ts';
import { claimIfUnassigned } from '../conversations/claim.ts';
import { findConversation, findConversationForSend, touchConversation } from '../conversations/queries.ts';
import { toConversation } from '../conversations/serializers.ts';
import { findMediaByPaths } from '../media/queries.ts';
import { approveMessage, consumeTokens, findMessage, insertMessage, resetFailedMessage, type MessageRow } from '../messages/queries.ts';
import { toMessage } from '../messages/serializers.ts';
import { conversationContext, replyTranslationTarget } from '../ai-assist/context.ts';

/** Plan tokens one outgoing message costs. */
export const TOKENS_PER_MESSAGE = 1;

/** Media paths → the attachments a message keeps; any path that is not this organization's is a 400. */
export async function resolveAttachments(tx: Tx, params: { organizationId: string; paths: string[] | undefined }): Promise<MessageAttachment[]> {
  const paths = [...new Set(params.paths ?? [])];
  if (!paths.length) return [];
  const found = new Map((await findMediaByPaths(tx, { organizationId: params.organizationId, paths })).map((m) => [m.path, m]));
  const unknown = paths.filter((p) => !found.has(p));
  if (unknown.length) {
    throw new ValidationError('Unknown attachment', { attachments: unknown.map((p) => `No uploaded file at ${JSON.stringify(p)}`) });
  }
  return paths.map((p) => {
    const m = found.get(p)!;
    return { id: m.id, name: m.name, mimeType: m.mimeType, size: m.size };
  });
}

/**
 * Stores an OUTBOUND message inside the caller's transaction: takes its tokens first (402 and nothing
 * stored when there are none), then inserts it and moves the conversation. A reply that is going to be
 * translated (CONTRACT §8.3) waits for approval with translationStatus PENDING; the AI subscriber
 * translates it.
 */
export async function createOutboundMessage(tx: Tx, params: {
  organizationId: string;
  conversation: { id: string };
  content: string;
  attachments: MessageAttachment[];
  /** A member, or the AI or the system replying for the organization. */
  author: MessageAuthor;
  /** Whether the reply may go out without an agent's approval when it needs no translation (an AI reply: the channel's autoApprove). */
  approve?: boolean;
}) {
  const balance = await consumeTokens(tx, { organizationId: params.organizationId, amount: TOKENS_PER_MESSAGE });
  if (balance === null) throw new InsufficientTokensError();
  const context = await conversationContext(tx, { organizationId: params.organizationId, conversationId: params.conversation.id });
  if (!context) throw new NotFoundError('Conversation');
  const translateTo = await replyTranslationTarget(tx, context, params.organizationId);
  const at = new Date();
  const message = await insertMessage(tx, {
    organizationId: params.organizationId,
    conversationId: params.conversation.id,
    direction: 'OUTBOUND',
    ...authorColumns(params.author),
    content: params.content,
    approved: !translateTo && (params.approve ?? true),
    translationStatus: translateTo ? 'PENDING' : 'NONE',
    status: 'PENDING',
    attachments: params.attachments,
    createdAt: at,
  });
  await touchConversation(tx, { organizationId: params.organizationId, id: params.conversation.id, at, content: params.content, attachments: params.attachments, inbound: false });
  return message;
}

/** After the commit: an approved reply goes to delivery (one waiting is translated by the AI subscriber on `message.created`). */
export async function dispatchOutbound(app: FastifyInstance, message: MessageRow) {
  try {
    if (message.approved) await app.delivery.enqueue({ id: message.id, organizationId: message.organizationId });
  } catch (err) {
    app.log.error({ err, messageId: message.id }, 'handing a message on failed');
  }
}

/** POST /api/conversations/[id]/messages: an agent's reply. */
export async function sendAgentMessage(app: FastifyInstance, params: {
  organizationId: string;
  userId: string;
  conversationId: string;
  content: string;
  attachments?: string[];
}): Promise<Message> {
  const { organizationId } = params;
  const { row, message } = await app.db.transaction(async (tx) => {
    const forSend = await findConversationForSend(tx, { organizationId, id: params.conversationId });
    if (!forSend) throw new NotFoundError('Conversation');
    const attachments = await resolveAttachments(tx, { organizationId, paths: params.attachments });
    const before = await findConversation(tx, { organizationId, id: params.conversationId });
    const row = await createOutboundMessage(tx, { organizationId, conversation: forSend, content: params.content, attachments, author: { kind: 'user', userId: params.userId } });
    // Replying claims (CONTRACT §12); a private note never gets here (notes module), so it never claims.
    const claimed = await claimIfUnassigned(tx, { organizationId, id: params.conversationId, userId: params.userId });
    const message = toMessage(row);
    await app.events.emit(tx, { organizationId, type: 'message.created', data: message });
    const conversation = await findConversation(tx, { organizationId, id: params.conversationId });
    if (conversation) {
      const after = toConversation(conversation);
      // A claim is an assignment: the same meta and activity line as one made through PATCH.
      await app.events.emit(tx, { organizationId, type: 'conversation.updated', data: after },
        claimed ? { actorUserId: params.userId, previousAssignedToId: null } : undefined);
      if (claimed && before) await emitConversationChange(app.events, tx, { organizationId, before: toConversation(before), after, actorId: params.userId });
    }
    return { row, message };
  });
  await dispatchOutbound(app, row);
  return message;
}

/**
 * POST /api/messages/[id]/approve. Idempotent: approving an approved message answers it unchanged and
 * does not deliver it twice (only the request that flips `approved` enqueues). A reply whose translation
 * is still running is a 409 (CONTRACT §8.3); once DONE the customer gets the translation, after FAILED the original.
 */
export async function approve(app: FastifyInstance, params: { organizationId: string; id: string }): Promise<Message> {
  const flipped = await app.db.transaction(async (tx) => {
    const row = await approveMessage(tx, params);
    if (row) await app.events.emit(tx, { organizationId: params.organizationId, type: 'message.updated', data: toMessage(row) });
    return row;
  });
  if (!flipped) {
    const current = await findMessage(app.db, params);
    if (!current) throw new NotFoundError('Message');
    if (!current.approved && current.translationStatus === 'PENDING') {
      throw new ConflictError('The reply is still being translated: approve it once its translation is done');
    }
    return toMessage(current);
  }
  if (flipped.direction === 'OUTBOUND') await dispatchOutbound(app, flipped);
  return toMessage(flipped);
}

/**
 * POST /api/messages/[id]/retry: a reply whose delivery FAILED goes back to the queue (no new tokens:
 * the send was paid for). Anything else is a 409 — only failures can be retried.
 */
export async function retry(app: FastifyInstance, params: { organizationId: string; id: string }): Promise<Message> {
  const reset = await app.db.transaction(async (tx) => {
    const row = await resetFailedMessage(tx, params);
    if (row) await app.events.emit(tx, { organizationId: params.organizationId, type: 'message.updated', data: toMessage(row) });
    return row;
  });
  if (!reset) {
    if (!(await findMessage(app.db, params))) throw new NotFoundError('Message');
    throw new ConflictError('Only a reply whose delivery failed can be retried');
  }
  await dispatchOutbound(app, reset);
  return toMessage(reset);
}
