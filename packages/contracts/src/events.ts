import { z } from 'zod';
import { conversationSchema, conversationStatusSchema, prioritySchema } from './conversations.ts';
import { customerSchema } from './customers.ts';
import { messageSchema } from './messages.ts';
import { notificationSchema } from './notifications.ts';
import { tagSchema } from './tags.ts';

/**
 * Domain events: what changed, raised inside the transaction that changed it (the API's outbox) and
 * handed to every subscriber (realtime fan-out first). One variant per type; `data` is the resource as
 * the REST API shows it, so a client applies an event exactly like a response.
 */
const conversationCreatedEventSchema = z.object({ type: z.literal('conversation.created'), data: conversationSchema });
const conversationUpdatedEventSchema = z.object({ type: z.literal('conversation.updated'), data: conversationSchema });
const conversationDeletedEventSchema = z.object({ type: z.literal('conversation.deleted'), data: z.object({ id: z.string() }) });
const messageCreatedEventSchema = z.object({ type: z.literal('message.created'), data: messageSchema });
const messageUpdatedEventSchema = z.object({ type: z.literal('message.updated'), data: messageSchema });

const change = <T extends z.ZodType>(value: T) => z.object({ from: value, to: value });
/**
 * CONTRACT §12: what one change to a conversation changed and who changed it (`actorId` null: the system).
 * `conversation.updated` says what the conversation is now; this says what happened, for the activity lines.
 * Only the fields that changed are present.
 */
export const conversationChangeSchema = z.object({
  conversation: conversationSchema,
  actorId: z.string().nullable(),
  changes: z.object({
    status: change(conversationStatusSchema).optional(),
    priority: change(prioritySchema).optional(),
    assignedToId: change(z.string().nullable()).optional(),
    /** Tags put on and taken off. */
    tags: z.object({ added: z.array(tagSchema), removed: z.array(tagSchema) }).optional(),
    /** Snoozed (to a time), unsnoozed (to null) or woken up by the snooze job (to null, actor null). */
    snoozedUntil: change(z.string().nullable()).optional(),
  }),
});
export type ConversationChange = z.infer<typeof conversationChangeSchema>;
const conversationChangedEventSchema = z.object({ type: z.literal('conversation.changed'), data: conversationChangeSchema });

/**
 * CONTRACT §12: a private note was written; `mentions` (= `message.mentions`) are the members it mentions,
 * whom the notifications subscriber tells (§11 event `mention`). The author is `message.authorId`.
 */
export const noteCreatedSchema = z.object({ conversation: conversationSchema, message: messageSchema, mentions: z.array(z.string()) });
export type NoteCreated = z.infer<typeof noteCreatedSchema>;
const noteCreatedEventSchema = z.object({ type: z.literal('note.created'), data: noteCreatedSchema });

/**
 * The team changed (a member joined, changed role or left; an invitation was sent, revoked or accepted), so open
 * team pages re-read their lists. Only ids: every member's socket gets these, and an invitation's address and
 * token are for admins to read through the API.
 */
export const memberChangedSchema = z.object({ userId: z.string(), change: z.enum(['joined', 'role', 'removed']) });
const memberChangedEventSchema = z.object({ type: z.literal('member.changed'), data: memberChangedSchema });
export const invitationChangedSchema = z.object({ id: z.string(), change: z.enum(['created', 'revoked', 'accepted']) });
const invitationChangedEventSchema = z.object({ type: z.literal('invitation.changed'), data: invitationChangedSchema });

/**
 * A tag was renamed/recoloured or deleted: ONE organization-level event, not one `conversation.updated` per
 * conversation carrying it (a tag can be on 100k conversations). Clients patch every cached conversation that
 * carries the tag, and the tag list. Deleting a tag takes it off every conversation.
 */
const tagUpdatedEventSchema = z.object({ type: z.literal('tag.updated'), data: tagSchema });
const tagDeletedEventSchema = z.object({ type: z.literal('tag.deleted'), data: z.object({ id: z.string() }) });

/**
 * A customer was edited (name, e-mail, …): open dashboards show the new name on the conversations they hold and
 * in the side panel. `data` is the customer as `GET /api/customers/[id]` shows it.
 */
const customerUpdatedEventSchema = z.object({ type: z.literal('customer.updated'), data: customerSchema });

export const domainEventSchema = z.discriminatedUnion('type', [
  conversationCreatedEventSchema,
  conversationUpdatedEventSchema,
  conversationDeletedEventSchema,
  conversationChangedEventSchema,
  messageCreatedEventSchema,
  messageUpdatedEventSchema,
  noteCreatedEventSchema,
  memberChangedEventSchema,
  invitationChangedEventSchema,
  tagUpdatedEventSchema,
  tagDeletedEventSchema,
  customerUpdatedEventSchema,
]);
export type DomainEvent = z.infer<typeof domainEventSchema>;
export type DomainEventType = DomainEvent['type'];
export type DomainEventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

export const domainEventTypes = [
  'conversation.created',
  'conversation.updated',
  'conversation.deleted',
  'conversation.changed',
  'message.created',
  'message.updated',
  'note.created',
  'member.changed',
  'invitation.changed',
  'tag.updated',
  'tag.deleted',
  'customer.updated',
] as const satisfies readonly DomainEventType[];

/**
 * Events for the server's subscribers only (activity lines, notifications): agents' sockets learn the same
 * through the `message.created` / `conversation.updated` that accompany them, so realtime does not relay these.
 */
export const internalEventTypes = ['conversation.changed', 'note.created'] as const satisfies readonly DomainEventType[];
export const isInternalEventType = (type: DomainEventType) => (internalEventTypes as readonly string[]).includes(type);

/** `data` of a `presence` signal: who changed, and everyone of the organization online after the change. */
export const presenceEventDataSchema = z.object({
  userId: z.string(),
  online: z.boolean(),
  onlineUserIds: z.array(z.string()),
});
export type PresenceEventData = z.infer<typeof presenceEventDataSchema>;

/** `data` of a `typing` signal: an agent (`userId`) or the conversation's website visitor (`visitor: true`). */
export const typingEventDataSchema = z.union([
  z.object({ conversationId: z.string(), userId: z.string(), typing: z.boolean() }),
  z.object({ conversationId: z.string(), visitor: z.literal(true), typing: z.boolean() }),
]);
export type TypingEventData = z.infer<typeof typingEventDataSchema>;

/**
 * Ephemeral signals: fanned out to the sockets connected right now, never stored, numbered or replayed
 * (a typing indicator from a minute ago is noise, and presence is re-read on reconnect).
 * `notification.created` (CONTRACT §11) goes to the sockets of one user only; the list
 * (`GET /api/notifications`) is the durable record, re-read on reconnect.
 */
export const signalSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('typing'), data: typingEventDataSchema }),
  z.object({ type: z.literal('presence'), data: presenceEventDataSchema }),
  z.object({ type: z.literal('notification.created'), data: notificationSchema }),
]);
export type Signal = z.infer<typeof signalSchema>;
export const signalTypes = ['typing', 'presence', 'notification.created'] as const satisfies readonly Signal['type'][];
