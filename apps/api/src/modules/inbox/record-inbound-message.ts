import type { Conversation, Message, VisitorContext } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import type { MessageAttachment } from '../../db/schema/index.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { toStorableValue } from '../../lib/storable-text.ts';
import { findByClientMessageId, findByExternalId, insertMessageOnce, type MessageRow } from '../messages/queries.ts';
import { toMessage } from '../messages/serializers.ts';
import { findChannel, touchConversation } from '../conversations/queries.ts';
import { loadConversation } from '../conversations/service.ts';
import { customerConversation } from './customer-conversation.ts';
import { languageOfInbound } from './language.ts';

export interface InboundMessage {
  organizationId: string;
  channelId: string;
  /** How the channel knows the sender: widget visitorId, Messenger PSID, WhatsApp number, email address… */
  externalId: string;
  customer?: { name?: string | null; email?: string | null; phone?: string | null; generated?: { name: string; color: string } };
  /** A widget visitor's context: kept on a conversation this message opens. */
  context?: VisitorContext;
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
  /** An e-mail's own subject and sanitised HTML body, shown by the dashboard. */
  email?: { subject: string | null; html: string | null };
  /** The channel as the caller has just read it (the widget's route): not read again. */
  channel?: { id: string; fallbackLanguage: string | null };
}

export interface InboundResult {
  conversation: Conversation;
  message: Message;
  /** false when the message had been recorded before (a retry or a redelivery): nothing changed. */
  created: boolean;
  /** true when this message opened a new conversation. */
  conversationCreated: boolean;
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
    const channel = given.channel?.id === channelId ? given.channel : await findChannel(tx, { organizationId, id: channelId });
    if (!channel) throw new NotFoundError('Channel');

    const at = new Date();
    const { conversationId, created: conversationCreated, language: conversationLanguage } = await customerConversation(tx, { ...input, at });

    if (input.clientMessageId) {
      const seen = await findByClientMessageId(tx, { organizationId, conversationId, clientMessageId: input.clientMessageId });
      if (seen) return existing(seen);
    }
    const language = await languageOfInbound(tx, {
      organizationId,
      conversationId,
      text: input.content,
      known: conversationLanguage === undefined ? undefined : { conversationLanguage, fallbackLanguage: channel.fallbackLanguage },
    });
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
      emailSubject: input.email?.subject ?? null,
      emailHtml: input.email?.html ?? null,
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
      conversationCreated,
    };
    await app.events.emit(tx, { organizationId, type: result.conversationCreated ? 'conversation.created' : 'conversation.updated', data: result.conversation });
    await app.events.emit(tx, { organizationId, type: 'message.created', data: result.message }, { opensConversation: conversationCreated });
    return result;
  });
}

