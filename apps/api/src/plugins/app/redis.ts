import fp from 'fastify-plugin';
import { Redis } from 'ioredis';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The one command connection when REDIS_URL is set (rate-limit counters, bus publishing, cluster-wide
     * presence, socket directories); null without it. Only the bus's subscriber needs a second one.
     */
    redis: Redis | null;
  }
}

export default fp(async (app) => {
  const url = app.config.REDIS_URL;
  if (!url) {
    app.decorate('redis', null);
    return;
  }
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 5000, maxRetriesPerRequest: 2, connectionName: 'helpstack' });
  // Without a listener ioredis would throw on every reconnect attempt; it reconnects by itself.
  redis.on('error', (err) => app.log.warn({ err }, 'redis connection error'));
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new Error(`REDIS_URL is set but Redis cannot be reached: ${(err as Error).message}`, { cause: err });
  }
  app.decorate('redis', redis);
  // Registered early, closed late: every plugin that uses it has closed by then.
  app.addHook('onClose', async () => void (await redis.quit().catch(() => {})));
}, { name: 'redis', dependencies: ['config'] });
