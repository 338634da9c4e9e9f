import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { BusHandler, EventBus } from './types.ts';

/** One process, no network: messages are delivered synchronously, in publish order. */
export function createMemoryBus(log: FastifyBaseLogger): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    instanceId: randomUUID(),
    scope: 'local',
    async publish(topic, message) {
      const receivers = emitter.listenerCount(topic);
      emitter.emit(topic, message);
      return receivers;
    },
    async subscribe(topic, handler: BusHandler) {
      const listener = (message: unknown) => {
        try {
          handler(message);
        } catch (err) {
          log.error({ err, topic }, 'event bus handler failed');
        }
      };
      emitter.on(topic, listener);
      return async () => void emitter.off(topic, listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
