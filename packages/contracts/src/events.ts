import { z } from 'zod';
import { conversationSchema } from './conversations.ts';
import { messageSchema } from './messages.ts';

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

export const domainEventSchema = z.discriminatedUnion('type', [
  conversationCreatedEventSchema,
  conversationUpdatedEventSchema,
  conversationDeletedEventSchema,
  messageCreatedEventSchema,
  messageUpdatedEventSchema,
]);
export type DomainEvent = z.infer<typeof domainEventSchema>;
export type DomainEventType = DomainEvent['type'];
export type DomainEventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

export const domainEventTypes = [
  'conversation.created',
  'conversation.updated',
  'conversation.deleted',
  'message.created',
  'message.updated',
] as const satisfies readonly DomainEventType[];

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
 */
export const signalSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('typing'), data: typingEventDataSchema }),
  z.object({ type: z.literal('presence'), data: presenceEventDataSchema }),
]);
export type Signal = z.infer<typeof signalSchema>;
export const signalTypes = ['typing', 'presence'] as const satisfies readonly Signal['type'][];
