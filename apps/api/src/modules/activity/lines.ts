import type { ConversationChange, ConversationStatus, Priority } from '@helpstack/contracts';

/** Names of the people a change involves; a missing one (a user since removed) reads "Someone". */
export type NameOf = (userId: string) => string | undefined;

const statusVerb: Record<ConversationStatus, string> = {
  OPEN: 'reopened this',
  PENDING: 'marked this as pending',
  CLOSED: 'closed this',
  ARCHIVED: 'archived this',
};
const priorityName: Record<Priority, string> = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High', URGENT: 'Urgent' };

/**
 * The activity lines of one change (CONTRACT §12), one per field, e.g. "Ada assigned this to Grace".
 * The system (no actor) is "HelpStack".
 */
export function activityLines(change: Pick<ConversationChange, 'actorId' | 'changes'>, nameOf: NameOf): string[] {
  const who = (id: string | null) => (id === null ? 'HelpStack' : (nameOf(id) ?? 'Someone'));
  const actor = who(change.actorId);
  const { status, priority, assignedToId, tags, snoozedUntil } = change.changes;
  const lines: string[] = [];
  // A snooze and its end say more than the status change they bring, which they replace.
  let statusTold = false;
  if (snoozedUntil?.to) {
    lines.push(`${actor} snoozed this until ${snoozedUntil.to.slice(0, 16).replace('T', ' ')} UTC`);
    statusTold = status?.to === 'PENDING';
  } else if (snoozedUntil) {
    // Closed (or otherwise moved on) while snoozed: the status line tells it.
    if (change.actorId === null && status?.to === 'OPEN') lines.push(`${actor} reopened this (snooze ended)`);
    else if (!status || status.to === 'OPEN') lines.push(`${actor} unsnoozed this`);
    statusTold = status?.to === 'OPEN';
  }
  if (status && !statusTold) lines.push(status.to === 'OPEN' && status.from === 'PENDING' ? `${actor} opened this` : `${actor} ${statusVerb[status.to]}`);
  if (assignedToId) {
    const { from, to } = assignedToId;
    if (to === null) lines.push(from === change.actorId ? `${actor} unassigned themselves` : `${actor} unassigned ${who(from)}`);
    else if (to === change.actorId) lines.push(`${actor} self-assigned this`);
    else lines.push(`${actor} assigned this to ${who(to)}`);
  }
  if (priority) lines.push(`${actor} set the priority to ${priorityName[priority.to]}`);
  const names = (list: { name: string }[]) => list.map((t) => t.name).join(', ');
  if (tags?.added.length) lines.push(`${actor} tagged this ${names(tags.added)}`);
  if (tags?.removed.length) lines.push(`${actor} removed the tag${tags.removed.length > 1 ? 's' : ''} ${names(tags.removed)}`);
  return lines;
}
