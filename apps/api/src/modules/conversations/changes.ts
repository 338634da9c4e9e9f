import type { Conversation, ConversationChange } from '@helpstack/contracts';
import type { Tx } from '../../db/client.ts';
import type { Events } from '../../plugins/app/events.ts';

/** The fields whose changes make activity lines (CONTRACT §12), before → after; empty when none changed. */
export function diffConversation(before: Conversation, after: Conversation): ConversationChange['changes'] {
  const changes: ConversationChange['changes'] = {};
  if (before.status !== after.status) changes.status = { from: before.status, to: after.status };
  if (before.priority !== after.priority) changes.priority = { from: before.priority, to: after.priority };
  if (before.assignedToId !== after.assignedToId) changes.assignedToId = { from: before.assignedToId, to: after.assignedToId };
  const added = after.tags.filter((t) => !before.tags.some((b) => b.id === t.id));
  const removed = before.tags.filter((t) => !after.tags.some((a) => a.id === t.id));
  if (added.length || removed.length) changes.tags = { added, removed };
  if (before.snoozedUntil !== after.snoozedUntil) changes.snoozedUntil = { from: before.snoozedUntil, to: after.snoozedUntil };
  return changes;
}

/**
 * Emits `conversation.changed` in the caller's transaction when something worth an activity line changed.
 * `actorId` null: the system changed it (a job, an automation), not a member.
 */
export async function emitConversationChange(events: Pick<Events, 'emit'>, tx: Tx, params: {
  organizationId: string;
  before: Conversation;
  after: Conversation;
  actorId: string | null;
}) {
  const changes = diffConversation(params.before, params.after);
  if (!Object.keys(changes).length) return;
  await events.emit(tx, {
    organizationId: params.organizationId,
    type: 'conversation.changed',
    data: { conversation: params.after, actorId: params.actorId, changes },
  });
}
