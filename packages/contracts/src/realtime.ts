import { z } from 'zod';
import { domainEventSchema, domainEventTypes, signalSchema, signalTypes } from './events.ts';

/**
 * Agent realtime (`GET /api/realtime`, CONTRACT §4). A domain event frame is
 * `{"type": "...", "seq": n, "data": {...}}`; `seq` numbers the events of one organization 1, 2, 3…
 * without gaps, so a client that reconnects with `?since=<last seq it saw>` is sent exactly what it missed.
 * Typing and presence are signals, `{"type", "data"}` without `seq`: live only, never replayed.
 */

/** Every `type` a server frame other than `ready` can have. */
export const realtimeEventTypes = [...domainEventTypes, ...signalTypes] as const;
export const realtimeEventTypeSchema = z.enum(realtimeEventTypes);
export type RealtimeEventType = z.infer<typeof realtimeEventTypeSchema>;

/** A domain event as a socket receives it: numbered, so it can be replayed after a reconnect. */
export const realtimeEventFrameSchema = z.intersection(domainEventSchema, z.object({ seq: z.number().int().min(1) }));
export type RealtimeEventFrame = z.infer<typeof realtimeEventFrameSchema>;

/** An ephemeral signal as a socket receives it: no `seq`, never replayed. */
export const realtimeSignalFrameSchema = signalSchema;
export type RealtimeSignalFrame = z.infer<typeof realtimeSignalFrameSchema>;

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

export const realtimeServerFrameSchema = z.union([realtimeReadyFrameSchema, realtimeSignalFrameSchema, realtimeEventFrameSchema]);
export type RealtimeServerFrame = z.infer<typeof realtimeServerFrameSchema>;

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
