import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { createMemoryBus } from './memory-bus.ts';
import { createRedisBus } from './redis-bus.ts';
import type { EventBus } from './types.ts';

export type { BusHandler, EventBus } from './types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    bus: EventBus;
    /** The shared command connection when REDIS_URL is set (cluster-wide presence, socket directories). */
    redis: Redis | null;
  }
}

/** In-process fan-out by default; Redis pub/sub when REDIS_URL is set, so every instance sees every event. */
export default fp(async (app) => {
  const url = app.config.REDIS_URL;
  const { bus, redis } = url ? await createRedisBus(url, app.log) : { bus: createMemoryBus(app.log), redis: null };
  app.decorate('bus', bus);
  app.decorate('redis', redis);
  app.addHook('onClose', async () => bus.close());
}, { name: 'event-bus', dependencies: ['config'] });
