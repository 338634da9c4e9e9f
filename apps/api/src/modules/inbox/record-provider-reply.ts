import type { Conversation, Message } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import type { MessageAttachment } from '../../db/schema/index.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { toStorableValue } from '../../lib/storable-text.ts';
import { findByExternalId, insertMessageOnce } from '../messages/queries.ts';
import { toMessage } from '../messages/serializers.ts';
import { findChannel, touchConversation } from '../conversations/queries.ts';
import { loadConversation } from '../conversations/service.ts';
import { customerConversation } from './customer-conversation.ts';

export interface ProviderReply {
  organizationId: string;
  channelId: string;
  /** How the channel knows the customer the reply went to (Messenger PSID, Instagram IGSID…). */
  externalId: string;
  content: string;
  attachments?: MessageAttachment[];
  /** The provider's message id: the same reply reported twice (or our own send echoed back) is recognised. */
  messageExternalId: string;
}

export interface ProviderReplyResult {
  conversation: Conversation;
  message: Message;
  /** false when a message with this provider id was already stored (ours, or the echo before): nothing changed. */
  created: boolean;
}

/**
 * Records a reply a person at the business sent from the provider's own app (Meta's inbox), so the
 * conversation shows it (CONTRACT §10 "Echoes"): OUTBOUND, `senderType: "AGENT"` with `authorId: null` —
 * no HelpStack user wrote it —, already SENT, never handed to the delivery queue, and not unread.
 * Once per provider message id.
 */
export async function recordProviderReply(app: Pick<FastifyInstance, 'db' | 'events'>, given: ProviderReply): Promise<ProviderReplyResult> {
  const input = toStorableValue(given);
  const { organizationId, channelId } = input;
  return app.db.transaction(async (tx) => {
    const seen = await findByExternalId(tx, { organizationId, externalId: input.messageExternalId });
    if (seen) return { conversation: await loadConversation(tx, organizationId, seen.conversationId), message: toMessage(seen), created: false };
    const channel = await findChannel(tx, { organizationId, id: channelId });
    if (!channel) throw new NotFoundError('Channel');

    const at = new Date();
    const { conversationId, created: conversationCreated } = await customerConversation(tx, { organizationId, channelId, externalId: input.externalId, at });
    const message = await insertMessageOnce(tx, {
      organizationId,
      conversationId,
      direction: 'OUTBOUND',
      senderType: 'AGENT',
      authorId: null,
      content: input.content,
      status: 'SENT',
      attachments: input.attachments ?? [],
      externalId: input.messageExternalId,
      createdAt: at,
      sentAt: at,
    });
    if (!message) {
      // The same echo processed twice at once: the first one stands.
      const first = await findByExternalId(tx, { organizationId, externalId: input.messageExternalId });
      if (!first) throw new Error('provider reply conflicted but no earlier copy was found');
      return { conversation: await loadConversation(tx, organizationId, first.conversationId), message: toMessage(first), created: false };
    }
    await touchConversation(tx, { organizationId, id: conversationId, at, content: input.content, attachments: input.attachments, inbound: false });
    const result = { conversation: await loadConversation(tx, organizationId, conversationId), message: toMessage(message), created: true };
    await app.events.emit(tx, { organizationId, type: conversationCreated ? 'conversation.created' : 'conversation.updated', data: result.conversation });
    await app.events.emit(tx, { organizationId, type: 'message.created', data: result.message });
    return result;
  });
}
