import fp from 'fastify-plugin';
import { createMemoryBus } from './memory-bus.ts';
import { createRedisBus } from './redis-bus.ts';
import type { EventBus } from './types.ts';

export type { BusHandler, EventBus } from './types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    bus: EventBus;
  }
}

/** In-process fan-out by default; Redis pub/sub when REDIS_URL is set, so every instance sees every event. */
export default fp(async (app) => {
  const bus = app.redis ? await createRedisBus(app.redis, app.log) : createMemoryBus(app.log);
  app.decorate('bus', bus);
  app.addHook('onClose', async () => bus.close());
}, { name: 'event-bus', dependencies: ['config', 'redis'] });
