import type { BulkActionBody, Conversation, UpdateConversationBody } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import type { Executor, Tx } from '../../db/client.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { findTags } from '../tags/queries.ts';
import { emitConversationChange } from './changes.ts';
import * as q from './queries.ts';
import { toConversation } from './serializers.ts';
import { scheduleWake, type SnoozeWake } from './snooze.ts';

/** A conversation as the API shows it, read with `db` (inside a transaction: its own writes included). */
export async function loadConversation(db: Executor, organizationId: string, id: string): Promise<Conversation> {
  const row = await q.findConversation(db, { organizationId, id });
  if (!row) throw new NotFoundError('Conversation');
  return toConversation(row);
}

/** What one change may do: a PATCH body, where tags may also be added or removed one by one (bulk). */
export type ConversationChangeInput = UpdateConversationBody & { addTagIds?: string[]; removeTagIds?: string[] };

async function assertAssignee(db: Executor, organizationId: string, userId: string | null | undefined, field: string) {
  if (userId && !(await q.isMember(db, { organizationId, userId }))) {
    throw ValidationError.field(field, 'Must be the user id of a member of this organization');
  }
}

async function assertTags(db: Executor, organizationId: string, ids: string[] | undefined, field: string) {
  if (!ids?.length) return;
  const found = await findTags(db, { organizationId, ids: [...new Set(ids)] });
  if (found.length !== new Set(ids).size) throw ValidationError.field(field, 'Must be ids of this organization\'s tags');
}

/**
 * The columns a change writes. A snooze makes the conversation PENDING until then; unsnoozing a snoozed
 * PENDING conversation opens it; any other status ends the snooze.
 */
function columnsOf(before: q.ConversationRow, input: ConversationChangeInput): Parameters<typeof q.updateConversation>[1]['set'] {
  const { tagIds: _tagIds, addTagIds: _add, removeTagIds: _remove, snoozedUntil, ...set } = input;
  if (snoozedUntil) return { ...set, status: 'PENDING' as const, snoozedUntil: new Date(snoozedUntil) };
  if (snoozedUntil === null) {
    const wake = before.snoozedUntil && before.status === 'PENDING' && set.status === undefined;
    return { ...set, snoozedUntil: null, ...(wake ? { status: 'OPEN' as const } : {}) };
  }
  if (set.status && set.status !== 'PENDING') return { ...set, snoozedUntil: null };
  return set;
}

/**
 * One conversation's change inside the caller's transaction: columns, tags, `conversation.updated` and the
 * activity event. Null when the conversation is not the organization's. Input is validated by the caller.
 */
export async function changeConversation(app: FastifyInstance, tx: Tx, params: { organizationId: string; id: string; input: ConversationChangeInput; actorId: string | null }) {
  const { organizationId, id, input } = params;
  const before = await q.findConversation(tx, { organizationId, id });
  if (!before) return null;
  const set = columnsOf(before, input);
  await q.updateConversation(tx, { organizationId, id, set });
  const had = before.tags.map((t) => t.id);
  const add = input.tagIds ? input.tagIds.filter((t) => !had.includes(t)) : (input.addTagIds ?? []);
  const remove = input.tagIds ? had.filter((t) => !input.tagIds!.includes(t)) : (input.removeTagIds ?? []);
  await q.addConversationTags(tx, { conversationId: id, tagIds: add });
  await q.removeConversationTags(tx, { conversationId: id, tagIds: remove });
  const conversation = await loadConversation(tx, organizationId, id);
  // The assignee before the change goes with the event, for the assignment notification.
  await app.events.emit(tx, { organizationId, type: 'conversation.updated', data: conversation }, {
    actorUserId: params.actorId,
    ...(input.assignedToId !== undefined ? { previousAssignedToId: before.assignedToId ?? null } : {}),
  });
  await emitConversationChange(app.events, tx, { organizationId, before: toConversation(before), after: conversation, actorId: params.actorId });
  const wake: SnoozeWake | null = set.snoozedUntil ? { organizationId, conversationId: id, until: set.snoozedUntil.toISOString() } : null;
  return { conversation, wake };
}

/**
 * `actorId`: the member who changed it (null: the system), named by the activity line (CONTRACT §12); notifications
 * never tell people of their own actions.
 */
export async function updateConversation(app: FastifyInstance, params: { organizationId: string; id: string; body: UpdateConversationBody; actorId: string | null }) {
  const { organizationId, id, body } = params;
  const result = await app.db.transaction(async (tx) => {
    await assertAssignee(tx, organizationId, body.assignedToId, 'assignedToId');
    await assertTags(tx, organizationId, body.tagIds, 'tagIds');
    if (body.snoozedUntil && body.status && body.status !== 'PENDING') throw ValidationError.field('status', 'A snoozed conversation is PENDING');
    const changed = await changeConversation(app, tx, { organizationId, id, input: body, actorId: params.actorId });
    if (!changed) throw new NotFoundError('Conversation');
    return changed;
  });
  // After the commit: the job's check reads the snooze it is for.
  if (result.wake) await scheduleWake(app, result.wake);
  return result.conversation;
}

/** The snooze job (snooze.ts): reopens the conversation if it is still snoozed until exactly the job's time. */
export async function wakeSnoozed(app: FastifyInstance, job: SnoozeWake) {
  await app.db.transaction(async (tx) => {
    const row = await q.findConversation(tx, { organizationId: job.organizationId, id: job.conversationId });
    if (!row?.snoozedUntil || row.snoozedUntil.getTime() !== Date.parse(job.until)) return;
    await changeConversation(app, tx, { organizationId: job.organizationId, id: row.id, input: { snoozedUntil: null }, actorId: null });
  });
}

/** Whether applying the action to this conversation would change nothing (it is then left alone). */
function alreadyDone(row: q.ConversationRow, body: BulkActionBody) {
  switch (body.action) {
    case 'status': return row.status === body.value;
    case 'priority': return row.priority === body.value;
    case 'assign': return row.assignedToId === body.value;
    case 'tag': return row.tags.some((t) => t.id === body.value);
    case 'untag': return !row.tags.some((t) => t.id === body.value);
  }
}

function inputOf(body: BulkActionBody): ConversationChangeInput {
  switch (body.action) {
    case 'status': return { status: body.value };
    case 'priority': return { priority: body.value };
    case 'assign': return { assignedToId: body.value };
    case 'tag': return { addTagIds: [body.value] };
    case 'untag': return { removeTagIds: [body.value] };
  }
}

/**
 * CONTRACT §12 bulk actions: one transaction; each conversation that changes emits its own events (realtime and
 * activity lines). Answers the organization's ids among those sent; others are dropped, as bulk-read.
 */
export async function bulkAction(app: FastifyInstance, params: { organizationId: string; body: BulkActionBody; actorId: string }) {
  const { organizationId, body } = params;
  const ids = [...new Set(body.ids)];
  return app.db.transaction(async (tx) => {
    if (body.action === 'assign') await assertAssignee(tx, organizationId, body.value, 'value');
    if (body.action === 'tag' || body.action === 'untag') await assertTags(tx, organizationId, [body.value], 'value');
    const rows = await q.findConversationsByIds(tx, { organizationId, ids });
    const input = inputOf(body);
    for (const row of rows) {
      if (!alreadyDone(row, body)) await changeConversation(app, tx, { organizationId, id: row.id, input, actorId: params.actorId });
    }
    return { ids: rows.map((r) => r.id) };
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
