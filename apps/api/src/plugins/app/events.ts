import fp from 'fastify-plugin';

export const realtimeEventTypes = [
  'conversation.created',
  'conversation.updated',
  'conversation.deleted',
  'message.created',
  'message.updated',
  'typing',
  'presence',
] as const;
export type RealtimeEventType = (typeof realtimeEventTypes)[number];

export interface RealtimeEvent {
  organizationId: string;
  seq: number;
  type: RealtimeEventType;
  data: Record<string, unknown>;
}

export interface EventPublisher {
  /**
   * Numbers the event in its organization's sequence, keeps it for replay, and fans it out to every
   * instance's sockets. Call it after the change has committed.
   */
  publish(organizationId: string, type: RealtimeEventType, data: Record<string, unknown>): Promise<RealtimeEvent>;
}

declare module 'fastify' {
  interface FastifyInstance {
    events: EventPublisher;
  }
}

/** Placeholder publisher until the realtime hub registers its own; numbers events in memory only. */
export default fp(async (app) => {
  const seqs = new Map<string, number>();
  app.decorate('events', {
    async publish(organizationId, type, data) {
      const seq = (seqs.get(organizationId) ?? 0) + 1;
      seqs.set(organizationId, seq);
      return { organizationId, seq, type, data };
    },
  } satisfies EventPublisher);
}, { name: 'events' });
