import type { CreateConversationBody } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import * as q from '../conversations/queries.ts';
import { loadConversation } from '../conversations/service.ts';
import { upsertCustomer } from '../customers/queries.ts';
import { toMessage } from '../messages/serializers.ts';
import { createOutboundMessage, dispatchOutbound } from './replies.ts';

/** POST /api/conversations: started by an agent; `content` becomes its first OUTBOUND message. */
export async function createConversation(app: FastifyInstance, params: { organizationId: string; userId: string; body: CreateConversationBody }) {
  const { organizationId, body } = params;
  const { conversation, message } = await app.db.transaction(async (tx) => {
    // Another organization's channel is a missing one (tenancy): 404 like every other foreign id.
    const channel = await q.findChannel(tx, { organizationId, id: body.channelId });
    if (!channel) throw new NotFoundError('Channel');
    const c = body.customer;
    const customer = c && (c.name || c.email || c.phone) ? await upsertCustomer(tx, { organizationId, ...c }) : null;
    const { id } = await q.insertConversation(tx, {
      organizationId,
      channelId: channel.id,
      customer,
      subject: body.subject || null,
      language: body.language ?? null,
      priority: body.priority,
      status: body.status,
      at: new Date(),
    });
    if (!body.content) {
      const conversation = await loadConversation(tx, organizationId, id);
      await app.events.emit(tx, { organizationId, type: 'conversation.created', data: conversation }, { actorUserId: params.userId });
      return { conversation, message: null };
    }
    const message = await createOutboundMessage(tx, { organizationId, conversation: { id }, content: body.content, attachments: [], author: { kind: 'user', userId: params.userId } });
    const conversation = await loadConversation(tx, organizationId, id);
    await app.events.emit(tx, { organizationId, type: 'conversation.created', data: conversation }, { actorUserId: params.userId });
    await app.events.emit(tx, { organizationId, type: 'message.created', data: toMessage(message) });
    return { conversation, message };
  });
  if (message) await dispatchOutbound(app, message);
  return conversation;
}
