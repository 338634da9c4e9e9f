import type { Conversation, CreateConversationBody, UpdateConversationBody } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import type { Executor } from '../../db/client.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { upsertCustomer } from '../customers/queries.ts';
import { createOutboundMessage, dispatchOutbound } from '../messages/service.ts';
import { toMessage } from '../messages/serializers.ts';
import * as q from './queries.ts';
import { toConversation } from './serializers.ts';

async function load(db: Executor, organizationId: string, id: string): Promise<Conversation> {
  const row = await q.findConversation(db, { organizationId, id });
  if (!row) throw new NotFoundError('Conversation');
  return toConversation(row);
}

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
      const conversation = await load(tx, organizationId, id);
      await app.events.emit(tx, { organizationId, type: 'conversation.created', data: conversation });
      return { conversation, message: null };
    }
    const forSend = {
      id,
      channelId: channel.id,
      language: body.language ?? null,
      customerLanguage: customer?.language ?? null,
      autoTranslate: channel.autoTranslate,
      channelLanguage: channel.defaultLanguage,
    };
    const message = await createOutboundMessage(tx, { organizationId, conversation: forSend, content: body.content, attachments: [], authorId: params.userId });
    const conversation = await load(tx, organizationId, id);
    await app.events.emit(tx, { organizationId, type: 'conversation.created', data: conversation });
    await app.events.emit(tx, { organizationId, type: 'message.created', data: toMessage(message) });
    return { conversation, message };
  });
  if (message) await dispatchOutbound(app, message);
  return conversation;
}

export async function updateConversation(app: FastifyInstance, params: { organizationId: string; id: string; body: UpdateConversationBody }) {
  const { organizationId, id, body } = params;
  return app.db.transaction(async (tx) => {
    if (body.assignedToId && !(await q.isMember(tx, { organizationId, userId: body.assignedToId }))) {
      throw ValidationError.field('assignedToId', 'Must be the user id of a member of this organization');
    }
    const updated = await q.updateConversation(tx, { organizationId, id, set: body });
    if (!updated) throw new NotFoundError('Conversation');
    const conversation = await load(tx, organizationId, id);
    await app.events.emit(tx, { organizationId, type: 'conversation.updated', data: conversation });
    return conversation;
  });
}

export async function deleteConversation(app: FastifyInstance, params: { organizationId: string; id: string }) {
  return app.db.transaction(async (tx) => {
    const deleted = await q.deleteConversation(tx, params);
    if (!deleted) throw new NotFoundError('Conversation');
    await app.events.emit(tx, { organizationId: params.organizationId, type: 'conversation.deleted', data: { id: deleted.id } });
    return { id: deleted.id };
  });
}

export async function setReadState(app: FastifyInstance, params: { organizationId: string; id: string; read: boolean }) {
  return app.db.transaction(async (tx) => {
    const updated = await q.setReadState(tx, params);
    if (!updated) throw new NotFoundError('Conversation');
    const conversation = await load(tx, params.organizationId, params.id);
    await app.events.emit(tx, { organizationId: params.organizationId, type: 'conversation.updated', data: conversation });
    return conversation;
  });
}

/** Ids of other organizations (or unknown ones) are ignored, not reported: they are not the caller's to know about. */
export async function bulkRead(app: FastifyInstance, params: { organizationId: string; ids: string[] }) {
  const ids = [...new Set(params.ids)];
  const { organizationId } = params;
  return app.db.transaction(async (tx) => {
    const result = await q.markManyRead(tx, { organizationId, ids });
    const changed = await q.findConversationsByIds(tx, { organizationId, ids: result.changed });
    for (const row of changed) await app.events.emit(tx, { organizationId, type: 'conversation.updated', data: toConversation(row) });
    return { ids: result.ids };
  });
}

