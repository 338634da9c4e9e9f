import type { Conversation, Message } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import type { Tx } from '../../db/client.ts';
import type { MessageAttachment } from '../../db/schema/index.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { toStorableValue } from '../../lib/storable-text.ts';
import { lockCustomer, upsertCustomer } from '../customers/queries.ts';
import { findByClientMessageId, findByExternalId, insertMessageOnce, type MessageRow } from '../messages/queries.ts';
import { toMessage } from '../messages/serializers.ts';
import { findChannel, findOngoingConversation, insertConversation, touchConversation } from '../conversations/queries.ts';
import { loadConversation } from '../conversations/service.ts';
import { languageOfInbound } from './language.ts';

export interface InboundMessage {
  organizationId: string;
  channelId: string;
  /** How the channel knows the sender: widget visitorId, Messenger PSID, WhatsApp number, email address… */
  externalId: string;
  customer?: { name?: string | null; email?: string | null; phone?: string | null };
  content: string;
  attachments?: MessageAttachment[];
  /** The provider's message id: a redelivered webhook is recognised (unique per organization). */
  messageExternalId?: string;
  /** The widget's own id for the message: a retried send is recognised (unique per conversation). */
  clientMessageId?: string;
  /**
   * E-mail threading: the conversation holding the newest of these provider message ids (In-Reply-To /
   * References) continues; none known → a new conversation titled `subject`, never the ongoing one.
   */
  thread?: { references: string[]; subject: string | null };
}

export interface InboundResult {
  conversation: Conversation;
  message: Message;
  /** false when the message had been recorded before (a retry or a redelivery): nothing changed. */
  created: boolean;
  /** true when this message opened a new conversation. */
  conversationCreated: boolean;
}

/** The conversation of the newest known message among `references` (oldest first, as in the References header). */
async function threadOf(tx: Tx, organizationId: string, references: string[]) {
  for (const externalId of [...references].reverse()) {
    const seen = await findByExternalId(tx, { organizationId, externalId });
    if (seen) return { id: seen.conversationId };
  }
  return null;
}

/**
 * Records a customer's message: finds or creates the customer, continues their ongoing conversation
 * on the channel (or opens one), stores the message once, and counts it unread. The events
 * (`conversation.created|updated`, `message.created`) are emitted in the same transaction; a duplicate
 * emits nothing.
 */
export async function recordInboundMessage(app: Pick<FastifyInstance, 'db' | 'events'>, given: InboundMessage): Promise<InboundResult> {
  // A provider's message must land even if it carries text PostgreSQL cannot store: cleaned, not refused.
  const input = toStorableValue(given);
  const { organizationId, channelId } = input;
  return app.db.transaction(async (tx) => {
    const existing = async (m: MessageRow): Promise<InboundResult> => ({
      conversation: await loadConversation(tx, organizationId, m.conversationId),
      message: toMessage(m),
      created: false,
      conversationCreated: false,
    });

    if (input.messageExternalId) {
      const seen = await findByExternalId(tx, { organizationId, externalId: input.messageExternalId });
      if (seen) return existing(seen);
    }
    const channel = await findChannel(tx, { organizationId, id: channelId });
    if (!channel) throw new NotFoundError('Channel');

    const customer = await upsertCustomer(tx, { organizationId, channelId, externalId: input.externalId, ...input.customer });
    // One at a time per customer, so two first messages racing cannot open two conversations.
    await lockCustomer(tx, { organizationId, id: customer.id });

    const at = new Date();
    const ongoing = input.thread
      ? await threadOf(tx, organizationId, input.thread.references)
      : await findOngoingConversation(tx, { organizationId, channelId, customerId: customer.id });
    const conversationId = ongoing?.id
      ?? (await insertConversation(tx, { organizationId, channelId, customer, subject: input.thread?.subject ?? null, language: customer.language, at })).id;

    if (input.clientMessageId) {
      const seen = await findByClientMessageId(tx, { organizationId, conversationId, clientMessageId: input.clientMessageId });
      if (seen) return existing(seen);
    }
    const language = await languageOfInbound(tx, { organizationId, channelId, conversationId, text: input.content });
    const message = await insertMessageOnce(tx, {
      organizationId,
      conversationId,
      direction: 'INBOUND',
      senderType: 'CUSTOMER',
      content: input.content,
      language,
      status: 'DELIVERED',
      attachments: input.attachments ?? [],
      externalId: input.messageExternalId ?? null,
      clientMessageId: input.clientMessageId ?? null,
      createdAt: at,
      deliveredAt: at,
    });
    if (!message) {
      // Lost a race with the same message arriving twice at once: the first one stands.
      const seen = (input.clientMessageId && (await findByClientMessageId(tx, { organizationId, conversationId, clientMessageId: input.clientMessageId })))
        || (input.messageExternalId && (await findByExternalId(tx, { organizationId, externalId: input.messageExternalId })));
      if (!seen) throw new Error('inbound message conflicted but no earlier copy was found');
      return existing(seen);
    }
    await touchConversation(tx, { organizationId, id: conversationId, at, content: input.content, attachments: input.attachments, inbound: true });
    const result: InboundResult = {
      conversation: await loadConversation(tx, organizationId, conversationId),
      message: toMessage(message),
      created: true,
      conversationCreated: !ongoing,
    };
    await app.events.emit(tx, { organizationId, type: result.conversationCreated ? 'conversation.created' : 'conversation.updated', data: result.conversation });
    await app.events.emit(tx, { organizationId, type: 'message.created', data: result.message });
    return result;
  });
}

