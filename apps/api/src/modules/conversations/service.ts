import type { Conversation, CreateConversationBody, UpdateConversationBody } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { upsertCustomer } from '../customers/queries.ts';
import { createOutboundMessage, dispatchOutbound } from '../messages/service.ts';
import { toMessage } from '../messages/serializers.ts';
import { publishSafely } from './events.ts';
import * as q from './queries.ts';
import { toConversation } from './serializers.ts';

async function load(app: FastifyInstance, organizationId: string, id: string): Promise<Conversation> {
  const row = await q.findConversation(app.db, { organizationId, id });
  if (!row) throw new NotFoundError('Conversation');
  return toConversation(row);
}

/** POST /api/conversations: started by an agent; `content` becomes its first OUTBOUND message. */
export async function createConversation(app: FastifyInstance, params: { organizationId: string; userId: string; body: CreateConversationBody }) {
  const { organizationId, body } = params;
  const { conversationId, message } = await app.db.transaction(async (tx) => {
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
    if (!body.content) return { conversationId: id, message: null };
    const conversation = {
      id,
      channelId: channel.id,
      language: body.language ?? null,
      customerLanguage: customer?.language ?? null,
      autoTranslate: channel.autoTranslate,
      channelLanguage: channel.defaultLanguage,
    };
    const message = await createOutboundMessage(tx, { organizationId, conversation, content: body.content, attachments: [], author: { kind: 'user', userId: params.userId } });
    return { conversationId: id, message };
  });
  const conversation = await load(app, organizationId, conversationId);
  await publishSafely(app, organizationId, 'conversation.created', conversation);
  if (message) {
    await publishSafely(app, organizationId, 'message.created', toMessage(message));
    await dispatchOutbound(app, message);
  }
  return conversation;
}

export async function updateConversation(app: FastifyInstance, params: { organizationId: string; id: string; body: UpdateConversationBody }) {
  const { organizationId, id, body } = params;
  if (body.assignedToId && !(await q.isMember(app.db, { organizationId, userId: body.assignedToId }))) {
    throw ValidationError.field('assignedToId', 'Must be the user id of a member of this organization');
  }
  const updated = await q.updateConversation(app.db, { organizationId, id, set: body });
  if (!updated) throw new NotFoundError('Conversation');
  const conversation = await load(app, organizationId, id);
  await publishSafely(app, organizationId, 'conversation.updated', conversation);
  return conversation;
}

export async function deleteConversation(app: FastifyInstance, params: { organizationId: string; id: string }) {
  const deleted = await q.deleteConversation(app.db, params);
  if (!deleted) throw new NotFoundError('Conversation');
  await publishSafely(app, params.organizationId, 'conversation.deleted', { id: deleted.id });
  return { id: deleted.id };
}

export async function setReadState(app: FastifyInstance, params: { organizationId: string; id: string; read: boolean }) {
  const updated = await q.setReadState(app.db, params);
  if (!updated) throw new NotFoundError('Conversation');
  const conversation = await load(app, params.organizationId, params.id);
  await publishSafely(app, params.organizationId, 'conversation.updated', conversation);
  return conversation;
}

/** Ids of other organizations (or unknown ones) are ignored, not reported: they are not the caller's to know about. */
export async function bulkRead(app: FastifyInstance, params: { organizationId: string; ids: string[] }) {
  const ids = [...new Set(params.ids)];
  const result = await app.db.transaction((tx) => q.markManyRead(tx, { organizationId: params.organizationId, ids }));
  const changed = await q.findConversationsByIds(app.db, { organizationId: params.organizationId, ids: result.changed });
  for (const row of changed) await publishSafely(app, params.organizationId, 'conversation.updated', toConversation(row));
  return { ids: result.ids };
}

