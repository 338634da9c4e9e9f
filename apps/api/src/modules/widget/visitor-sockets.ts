import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { EventBus } from '../../plugins/app/event-bus/types.ts';

/** The part of a `ws` WebSocket the registry uses. */
export interface VisitorSocket {
  readonly readyState: number;
  send(data: string): void;
  once(event: 'close', listener: () => void): unknown;
}
const OPEN = 1;

/**
 * Live widget sockets of visitors, addressable from any instance: delivery pushes an agent's reply to
 * the visitor wherever its socket is. With REDIS_URL a directory in Redis says which instances hold a
 * visitor's sockets, and the push travels over the event bus to exactly those, which acknowledge.
 */
export interface VisitorSockets {
  /** Registers a visitor's socket; it leaves by itself on close. Returns a function that detaches it earlier. */
  attach(channelId: string, visitorId: string, socket: VisitorSocket): () => void;
  /** Sends `payload` (as JSON) to every open socket of the visitor; true if at least one took it. */
  push(channelId: string, visitorId: string, payload: unknown): Promise<boolean>;
  /** Whether the visitor has an open socket on any instance. */
  isConnected(channelId: string, visitorId: string): Promise<boolean>;
  close(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    visitorSockets: VisitorSockets;
  }
}

const pushRequestSchema = z.object({
  kind: z.literal('visitor.push'),
  requestId: z.string(),
  replyTo: z.string(),
  channelId: z.string(),
  visitorId: z.string(),
  frame: z.string(),
});
const pushAckSchema = z.object({ kind: z.literal('visitor.ack'), requestId: z.string(), delivered: z.boolean() });
const instanceMessageSchema = z.discriminatedUnion('kind', [pushRequestSchema, pushAckSchema]);

const instanceTopic = (instanceId: string) => `instance.${instanceId}`;
const directoryKey = (key: string) => `helpstack:visitor:${key}`;
// Visitor ids come from the browser: the separator cannot occur in a channel id (uuid).
const keyOf = (channelId: string, visitorId: string) => `${channelId}:${visitorId}`;

export interface VisitorSocketsOptions {
  bus: EventBus;
  redis: Redis | null;
  log: FastifyBaseLogger;
  /** How long a remote instance may take to acknowledge a push. */
  ackTimeoutMs?: number;
  /** How long a directory entry lives without a heartbeat. */
  ttlMs?: number;
}

export async function createVisitorSockets(opts: VisitorSocketsOptions): Promise<VisitorSockets> {
  const { bus, redis, log } = opts;
  const ackTimeoutMs = opts.ackTimeoutMs ?? 1500;
  const ttlMs = opts.ttlMs ?? 30_000;
  const local = new Map<string, Set<VisitorSocket>>();
  const pending = new Map<string, (delivered: boolean) => void>();

  function sendLocal(key: string, frame: string) {
    let delivered = false;
    for (const socket of local.get(key) ?? []) {
      if (socket.readyState !== OPEN) continue;
      try {
        socket.send(frame);
        delivered = true;
      } catch (err) {
        log.warn({ err }, 'push to a visitor socket failed');
      }
    }
    return delivered;
  }

  const unsubscribe = await bus.subscribe(instanceTopic(bus.instanceId), (raw) => {
    const parsed = instanceMessageSchema.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.kind === 'visitor.ack') {
      pending.get(message.requestId)?.(message.delivered);
      return;
    }
    const delivered = sendLocal(keyOf(message.channelId, message.visitorId), message.frame);
    bus
      .publish(instanceTopic(message.replyTo), { kind: 'visitor.ack', requestId: message.requestId, delivered })
      .catch((err) => log.warn({ err }, 'could not acknowledge a visitor push'));
  });

  async function remoteInstances(key: string) {
    if (!redis) return [];
    const ids = await redis.zrangebyscore(directoryKey(key), Date.now(), '+inf');
    return ids.filter((id) => id !== bus.instanceId);
  }

  /** Asks one instance to push; resolves false on timeout so a dead instance never stalls delivery. */
  function pushRemote(instanceId: string, channelId: string, visitorId: string, frame: string) {
    const requestId = randomUUID();
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => settle(false), ackTimeoutMs);
      function settle(delivered: boolean) {
        clearTimeout(timer);
        pending.delete(requestId);
        resolve(delivered);
      }
      pending.set(requestId, settle);
      bus
        .publish(instanceTopic(instanceId), { kind: 'visitor.push', requestId, replyTo: bus.instanceId, channelId, visitorId, frame })
        .catch((err) => {
          log.warn({ err }, 'could not forward a visitor push');
          settle(false);
        });
    });
  }

  async function refresh() {
    if (!redis || local.size === 0) return;
    const expiresAt = Date.now() + ttlMs;
    const pipeline = redis.pipeline();
    for (const key of local.keys()) {
      pipeline.zadd(directoryKey(key), expiresAt, bus.instanceId);
      pipeline.pexpire(directoryKey(key), ttlMs);
    }
    await pipeline.exec();
  }
  const heartbeat = setInterval(() => {
    refresh().catch(() => {});
  }, Math.max(1000, Math.floor(ttlMs / 3)));
  heartbeat.unref();

  function detach(key: string, socket: VisitorSocket) {
    const set = local.get(key);
    if (!set?.delete(socket) || set.size > 0) return;
    local.delete(key);
    redis?.zrem(directoryKey(key), bus.instanceId).catch(() => {});
  }

  return {
    attach(channelId, visitorId, socket) {
      const key = keyOf(channelId, visitorId);
      const set = local.get(key) ?? new Set();
      local.set(key, set);
      set.add(socket);
      if (set.size === 1 && redis) {
        redis
          .multi()
          .zadd(directoryKey(key), Date.now() + ttlMs, bus.instanceId)
          .pexpire(directoryKey(key), ttlMs)
          .exec()
          .catch((err) => log.warn({ err }, 'could not register a visitor socket in the directory'));
      }
      socket.once('close', () => detach(key, socket));
      return () => detach(key, socket);
    },

    async push(channelId, visitorId, payload) {
      const key = keyOf(channelId, visitorId);
      const frame = JSON.stringify(payload);
      const here = sendLocal(key, frame);
      const there = await Promise.all((await remoteInstances(key)).map((id) => pushRemote(id, channelId, visitorId, frame)));
      return here || there.some(Boolean);
    },

    async isConnected(channelId, visitorId) {
      const key = keyOf(channelId, visitorId);
      if ([...(local.get(key) ?? [])].some((s) => s.readyState === OPEN)) return true;
      return (await remoteInstances(key)).length > 0;
    },

    async close() {
      clearInterval(heartbeat);
      await unsubscribe();
      for (const settle of pending.values()) settle(false);
      if (redis && local.size) {
        const pipeline = redis.pipeline();
        for (const key of local.keys()) pipeline.zrem(directoryKey(key), bus.instanceId);
        await pipeline.exec().catch(() => {});
      }
      local.clear();
    },
  };
}

export default fp(async (app) => {
  const sockets = await createVisitorSockets({ bus: app.bus, redis: app.redis, log: app.log });
  app.decorate('visitorSockets', sockets);
  app.addHook('onClose', async () => sockets.close());
}, { name: 'visitor-sockets', dependencies: ['event-bus'] });
