import { realtimeEventTypes, type RealtimeEventType } from '@helpstack/contracts';
import fp from 'fastify-plugin';
import { appendEvent, pruneEvents } from '../../modules/realtime/queries.ts';

export { realtimeEventTypes, type RealtimeEventType };

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

/** Bus topic of numbered realtime events; the realtime hub of every instance subscribes. */
export const REALTIME_TOPIC = 'realtime.events';

/** Replay promises at least 10 minutes; an hour leaves room for laptops that slept through a meeting. */
export const EVENT_RETENTION_MS = 60 * 60_000;
const PRUNE_EVERY_MS = 10 * 60_000;

export default fp(async (app) => {
  app.decorate('events', {
    async publish(organizationId, type, data) {
      // The JSON round trip makes local subscribers see what remote ones parse (Dates become ISO strings).
      const json = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
      const { seq } = await appendEvent(app.db, { organizationId, type, data: json });
      const event: RealtimeEvent = { organizationId, seq, type, data: json };
      // Stored is what matters: a subscriber that misses this message fills the gap from Postgres.
      await app.bus.publish(REALTIME_TOPIC, event).catch((err) => app.log.warn({ err, organizationId, seq }, 'realtime fan-out failed'));
      return event;
    },
  } satisfies EventPublisher);

  // Every instance prunes; the delete is idempotent and cheap on the created_at index.
  let timer: NodeJS.Timeout | undefined;
  const prune = () => {
    pruneEvents(app.db, { before: new Date(Date.now() - EVENT_RETENTION_MS) })
      .catch((err) => app.log.warn({ err }, 'pruning realtime events failed'));
  };
  app.addHook('onReady', async () => {
    // Jitter keeps instances started together from pruning in lockstep.
    timer = setInterval(prune, PRUNE_EVERY_MS + Math.floor(Math.random() * 60_000));
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}, { name: 'events', dependencies: ['db', 'event-bus'] });
