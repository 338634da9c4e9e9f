import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import { z } from 'zod';
import type { SessionContext } from './membership.ts';

/** Entries live this long at most: the bound on staleness if an invalidation message is ever lost. */
export const SESSION_CACHE_TTL_MS = 30_000;
export const SESSION_CACHE_MAX_ENTRIES = 10_000;
const TOPIC = 'session-cache.invalidate';
const ACK_TOPIC = 'session-cache.invalidated';
const ACK_TIMEOUT_MS = 1000;

/**
 * What an invalidation drops, on every instance: these sessions, every session of a user, or every
 * session acting in an organization (any that match).
 */
const invalidationSchema = z.object({
  sessionIds: z.array(z.string()).optional(),
  userId: z.string().optional(),
  organizationId: z.string().optional(),
});
export type SessionInvalidation = z.infer<typeof invalidationSchema>;
/** On the bus: the invalidation and the id its publisher counts acknowledgements by. */
const messageSchema = invalidationSchema.extend({ id: z.string() });
type SessionInvalidationMessage = z.infer<typeof messageSchema>;

export interface SessionCache {
  /** The cached context of a stored session id (SHA-256 of the token), if fresh enough. */
  get(sessionId: string): SessionContext | undefined;
  /**
   * Call before reading the database; the returned function caches what was read — unless an
   * invalidation arrived meanwhile, so a read that raced a logout or a role change is not kept.
   */
  beginFill(): (ctx: SessionContext) => void;
  /**
   * Drops the matching entries here at once, then on every other instance through the event bus, and
   * resolves when they have all acknowledged (1 s at most). Call it after the change is committed, so no
   * instance re-reads the old rows. Never throws: a bus failure is logged, and the TTL bounds the rest.
   */
  invalidate(target: SessionInvalidation): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    sessionCache: SessionCache;
  }
}

/** A Map keeps insertion order: re-inserting on a hit makes its first key the least recently used. */
export function createSessionCache(opts: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}) {
  const ttlMs = opts.ttlMs ?? SESSION_CACHE_TTL_MS;
  const maxEntries = opts.maxEntries ?? SESSION_CACHE_MAX_ENTRIES;
  // A monotonic clock for the TTL: a wall-clock jump neither keeps nor drops entries. Session expiry is
  // wall-clock time, checked by auth on every hit.
  const now = opts.now ?? (() => performance.now());
  const entries = new Map<string, { ctx: SessionContext; until: number }>();
  // Bumped by every invalidation; a fill begun before the bump is dropped.
  let epoch = 0;

  return {
    get(sessionId: string) {
      const entry = entries.get(sessionId);
      if (!entry) return undefined;
      entries.delete(sessionId);
      if (entry.until <= now()) return undefined;
      entries.set(sessionId, entry);
      return entry.ctx;
    },
    beginFill() {
      const at = epoch;
      return (ctx: SessionContext) => {
        if (epoch !== at) return;
        entries.delete(ctx.sessionId);
        entries.set(ctx.sessionId, { ctx, until: now() + ttlMs });
        if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      };
    },
    /** This instance only. */
    drop({ sessionIds, userId, organizationId }: SessionInvalidation) {
      epoch++;
      for (const id of sessionIds ?? []) entries.delete(id);
      if (!userId && !organizationId) return;
      for (const [id, { ctx }] of entries) {
        if (ctx.user.id === userId || ctx.organizationId === organizationId) entries.delete(id);
      }
    },
    get size() {
      return entries.size;
    },
  };
}

/**
 * The session cache: auth reads it before the database; logout, rotation, role change, member removal,
 * password reset and organization changes invalidate it on every instance. Instances see each other's
 * invalidations only through a shared bus — several instances need REDIS_URL (as realtime does).
 */
export default fp(async (app) => {
  const cache = createSessionCache();
  // This instance's invalidations, each counting the instances that have dropped its entries.
  const pending = new Map<string, () => void>();
  await app.bus.subscribe(ACK_TOPIC, (message) => {
    const id = (message as { id?: unknown } | null)?.id;
    if (typeof id === 'string') pending.get(id)?.();
  });
  await app.bus.subscribe(TOPIC, (message) => {
    const parsed = messageSchema.safeParse(message);
    if (!parsed.success) return void app.log.warn({ topic: TOPIC }, 'dropped a malformed session invalidation');
    cache.drop(parsed.data);
    app.bus.publish(ACK_TOPIC, { id: parsed.data.id }).catch((err) => app.log.warn({ err }, 'session invalidation not acknowledged'));
  });

  app.decorate('sessionCache', {
    get: cache.get,
    beginFill: cache.beginFill,
    async invalidate(target) {
      cache.drop(target);
      // The request that made the change answers only once every instance has dropped the entries
      // (each acknowledges on the bus; PUBLISH tells how many received it), so the client's next
      // request, to whichever instance, finds them gone. An instance that does not answer within
      // ACK_TIMEOUT_MS is not waited for longer: its entries then expire by the TTL at the latest.
      const id = randomUUID();
      let acked = 0;
      let expected = Infinity;
      let timer: NodeJS.Timeout | undefined;
      const allAcked = new Promise<void>((resolve) => {
        pending.set(id, () => {
          if (++acked >= expected) resolve();
        });
        timer = setTimeout(() => {
          app.log.warn({ acked, expected }, 'session invalidation not acknowledged by every instance in time');
          resolve();
        }, ACK_TIMEOUT_MS);
      });
      try {
        // The change is committed already: a bus failure must not fail the request.
        expected = await app.bus.publish(TOPIC, { ...target, id } satisfies SessionInvalidationMessage);
        if (acked < expected) await allAcked;
      } catch (err) {
        app.log.error({ err }, 'session invalidation not published');
      } finally {
        clearTimeout(timer);
        pending.delete(id);
      }
    },
  } satisfies SessionCache);
}, { name: 'session-cache', dependencies: ['event-bus'] });
