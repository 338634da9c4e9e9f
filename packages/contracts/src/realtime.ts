import { z } from 'zod';

/**
 * Agent realtime (`GET /api/realtime`, CONTRACT §4). Every server frame is
 * `{"type": "...", "seq": n, "data": {...}}`; `seq` numbers the events of one organization 1, 2, 3…
 * without gaps, so a client that reconnects with `?since=<last seq it saw>` is sent exactly what it missed.
 */

export const realtimeEventTypes = [
  'conversation.created',
  'conversation.updated',
  'conversation.deleted',
  'message.created',
  'message.updated',
  'typing',
  'presence',
] as const;
export const realtimeEventTypeSchema = z.enum(realtimeEventTypes);
export type RealtimeEventType = z.infer<typeof realtimeEventTypeSchema>;

export const realtimeEventFrameSchema = z.object({
  type: realtimeEventTypeSchema,
  seq: z.number().int().min(1),
  data: z.record(z.string(), z.unknown()),
});
export type RealtimeEventFrame = z.infer<typeof realtimeEventFrameSchema>;

/**
 * Sent once per connection, after the replay of `?since=` and before any live event. `seq` is the
 * client's cursor from then on (the seq to reconnect with if no event arrives). `resync: true` means the
 * requested history is no longer kept (events are kept for an hour) or never existed: the client must
 * refetch its lists instead of relying on the replay.
 */
export const realtimeReadyFrameSchema = z.object({
  type: z.literal('ready'),
  seq: z.number().int().min(0),
  data: z.object({ replayed: z.number().int().min(0), resync: z.boolean() }),
});
export type RealtimeReadyFrame = z.infer<typeof realtimeReadyFrameSchema>;

export const realtimeServerFrameSchema = z.union([realtimeEventFrameSchema, realtimeReadyFrameSchema]);
export type RealtimeServerFrame = z.infer<typeof realtimeServerFrameSchema>;

/** `data` of a `presence` event: who changed, and everyone of the organization online after the change. */
export const presenceEventDataSchema = z.object({
  userId: z.string(),
  online: z.boolean(),
  onlineUserIds: z.array(z.string()),
});
export type PresenceEventData = z.infer<typeof presenceEventDataSchema>;

/** `data` of a `typing` event, broadcast to the organization. */
export const typingEventDataSchema = z.object({
  conversationId: z.string(),
  userId: z.string(),
  typing: z.boolean(),
});
export type TypingEventData = z.infer<typeof typingEventDataSchema>;

/** The one frame a client sends: "I am (not) typing in this conversation". Anything else is ignored. */
export const typingClientFrameSchema = z.strictObject({
  type: z.literal('typing'),
  data: z.strictObject({
    conversationId: z.string().min(1).max(100),
    typing: z.boolean(),
  }),
});
export const realtimeClientFrameSchema = z.discriminatedUnion('type', [typingClientFrameSchema]);
export type RealtimeClientFrame = z.infer<typeof realtimeClientFrameSchema>;

/** Query of the upgrade request. */
export const realtimeQuerySchema = z.object({
  since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type RealtimeQuery = z.infer<typeof realtimeQuerySchema>;
