import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import type { BusHandler, EventBus } from './types.ts';

const PREFIX = 'helpstack:bus:';

/**
 * Redis pub/sub. A connection in subscriber mode can run no other command, so the bus publishes on the
 * app's command connection (`app.redis`) and subscribes on a duplicate of it. Every instance receives
 * its own publications too, so local and remote subscribers see one stream.
 */
export async function createRedisBus(redis: Redis, log: FastifyBaseLogger): Promise<EventBus> {
  const subscriber = redis.duplicate({ lazyConnect: true, connectionName: 'helpstack:sub' });
  // Without a listener ioredis would throw on every reconnect attempt; it reconnects (and resubscribes) by itself.
  subscriber.on('error', (err) => log.warn({ err }, 'redis subscriber connection error'));
  try {
    await subscriber.connect();
  } catch (err) {
    subscriber.disconnect();
    throw new Error(`REDIS_URL is set but Redis cannot be reached: ${(err as Error).message}`, { cause: err });
  }

  const handlers = new Map<string, Set<BusHandler>>();
  subscriber.on('message', (channel: string, raw: string) => {
    const set = handlers.get(channel);
    if (!set?.size) return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch (err) {
      log.warn({ err, channel }, 'dropped an unparsable bus message');
      return;
    }
    for (const handler of set) {
      try {
        handler(message);
      } catch (err) {
        log.error({ err, channel }, 'event bus handler failed');
      }
    }
  });

  const bus: EventBus = {
    instanceId: randomUUID(),
    scope: 'cluster',
    async publish(topic, message) {
      return redis.publish(PREFIX + topic, JSON.stringify(message));
    },
    async subscribe(topic, handler) {
      const channel = PREFIX + topic;
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await subscriber.subscribe(channel);
      }
      set.add(handler);
      return async () => {
        set.delete(handler);
        if (set.size === 0 && handlers.get(channel) === set) {
          handlers.delete(channel);
          await subscriber.unsubscribe(channel).catch(() => {});
        }
      };
    },
    async close() {
      handlers.clear();
      // app.redis is the redis plugin's to close.
      await subscriber.quit().catch(() => {});
    },
  };
  return bus;
}
