import type { Conversation, UpdateConversationBody } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import type { Executor } from '../../db/client.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import * as q from './queries.ts';
import { toConversation } from './serializers.ts';

/** A conversation as the API shows it, read with `db` (inside a transaction: its own writes included). */
export async function loadConversation(db: Executor, organizationId: string, id: string): Promise<Conversation> {
  const row = await q.findConversation(db, { organizationId, id });
  if (!row) throw new NotFoundError('Conversation');
  return toConversation(row);
}

export async function updateConversation(app: FastifyInstance, params: { organizationId: string; id: string; body: UpdateConversationBody }) {
  const { organizationId, id, body } = params;
  return app.db.transaction(async (tx) => {
    if (body.assignedToId && !(await q.isMember(tx, { organizationId, userId: body.assignedToId }))) {
      throw ValidationError.field('assignedToId', 'Must be the user id of a member of this organization');
    }
    const updated = await q.updateConversation(tx, { organizationId, id, set: body });
    if (!updated) throw new NotFoundError('Conversation');
    const conversation = await loadConversation(tx, organizationId, id);
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
    const conversation = await loadConversation(tx, params.organizationId, params.id);
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

