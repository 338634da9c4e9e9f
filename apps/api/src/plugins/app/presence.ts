import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';

declare module 'fastify' {
  interface FastifyInstance {
    presence: Presence;
  }
}

/**
 * Which agents have a live dashboard socket. Counts sockets per user so several tabs are one presence.
 * The realtime hub reports connects and disconnects; members and the widget status read it.
 */
export interface Presence {
  /** A socket of the user opened; true when that made the user online (no socket anywhere before). */
  connected(organizationId: string, userId: string): Promise<boolean>;
  /** A socket of the user closed; true when that made the user offline (no socket left anywhere). */
  disconnected(organizationId: string, userId: string): Promise<boolean>;
  isOnline(organizationId: string, userId: string): Promise<boolean>;
  onlineUserIds(organizationId: string): Promise<string[]>;
  close(): Promise<void>;
}

/** Counts of this process's sockets per organization and user. */
class LocalCounts {
  readonly byOrg = new Map<string, Map<string, number>>();

  /** The user's socket count after adding one. */
  add(organizationId: string, userId: string) {
    const org = this.byOrg.get(organizationId) ?? new Map<string, number>();
    this.byOrg.set(organizationId, org);
    const n = (org.get(userId) ?? 0) + 1;
    org.set(userId, n);
    return n;
  }

  /** The user's socket count after removing one. */
  remove(organizationId: string, userId: string) {
    const org = this.byOrg.get(organizationId);
    const n = Math.max(0, (org?.get(userId) ?? 0) - 1);
    if (n > 0) org!.set(userId, n);
    else {
      org?.delete(userId);
      if (org?.size === 0) this.byOrg.delete(organizationId);
    }
    return n;
  }

  has(organizationId: string, userId: string) {
    return (this.byOrg.get(organizationId)?.get(userId) ?? 0) > 0;
  }

  users(organizationId: string) {
    return [...(this.byOrg.get(organizationId)?.keys() ?? [])];
  }
}

/** A single instance: its own sockets are all there is. */
export function createLocalPresence(): Presence {
  const counts = new LocalCounts();
  return {
    async connected(organizationId, userId) {
      return counts.add(organizationId, userId) === 1;
    },
    async disconnected(organizationId, userId) {
      return counts.remove(organizationId, userId) === 0;
    },
    async isOnline(organizationId, userId) {
      return counts.has(organizationId, userId);
    },
    async onlineUserIds(organizationId) {
      return counts.users(organizationId);
    },
    async close() {},
  };
}

const keyOf = (organizationId: string) => `helpstack:presence:${organizationId}`;
const SEP = '|';

// One sorted set per organization: member `<userId>|<instanceId>`, score = when the entry expires (ms).
// Instances refresh their entries on a heartbeat, so a crashed instance's agents drop out within the TTL.
// Both scripts answer whether the user has any other live entry, atomically with the change.

/** KEYS[1] set; ARGV: member, expiresAt, now, userId|, ttlMs → 1 if no live entry of the user existed. */
const CONNECT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
local existed = 0
for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if string.sub(m, 1, #ARGV[4]) == ARGV[4] and m ~= ARGV[1] then existed = 1 break end
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1 - existed`;

/** KEYS[1] set; ARGV: member, now, userId| → 1 if no live entry of the user is left. */
const DISCONNECT = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if string.sub(m, 1, #ARGV[3]) == ARGV[3] then return 0 end
end
return 1`;

export interface ClusterPresenceOptions {
  instanceId: string;
  /** How long an entry lives without a heartbeat. */
  ttlMs?: number;
}

/** Every instance's sockets, through Redis. Local counts decide when this instance's entry comes and goes. */
export function createClusterPresence(redis: Redis, opts: ClusterPresenceOptions): Presence {
  const ttlMs = opts.ttlMs ?? 30_000;
  const counts = new LocalCounts();
  const member = (userId: string) => `${userId}${SEP}${opts.instanceId}`;

  async function liveUsers(organizationId: string) {
    const members = await redis.zrangebyscore(keyOf(organizationId), Date.now(), '+inf');
    return new Set(members.map((m) => m.slice(0, m.lastIndexOf(SEP))));
  }

  async function refresh() {
    if (counts.byOrg.size === 0) return;
    const expiresAt = Date.now() + ttlMs;
    const pipeline = redis.pipeline();
    for (const [organizationId, users] of counts.byOrg) {
      for (const userId of users.keys()) pipeline.zadd(keyOf(organizationId), expiresAt, member(userId));
      pipeline.pexpire(keyOf(organizationId), ttlMs);
    }
    await pipeline.exec();
  }
  const heartbeat = setInterval(() => {
    refresh().catch(() => {});
  }, Math.max(1000, Math.floor(ttlMs / 3)));
  heartbeat.unref();

  return {
    async connected(organizationId, userId) {
      if (counts.add(organizationId, userId) > 1) return false;
      const now = Date.now();
      const became = await redis.eval(CONNECT, 1, keyOf(organizationId), member(userId), now + ttlMs, now, `${userId}${SEP}`, ttlMs);
      return became === 1;
    },
    async disconnected(organizationId, userId) {
      if (counts.remove(organizationId, userId) > 0) return false;
      const left = await redis.eval(DISCONNECT, 1, keyOf(organizationId), member(userId), Date.now(), `${userId}${SEP}`);
      return left === 1;
    },
    async isOnline(organizationId, userId) {
      return (await liveUsers(organizationId)).has(userId);
    },
    async onlineUserIds(organizationId) {
      return [...(await liveUsers(organizationId))];
    },
    async close() {
      clearInterval(heartbeat);
      const pipeline = redis.pipeline();
      for (const [organizationId, users] of counts.byOrg) {
        for (const userId of users.keys()) pipeline.zrem(keyOf(organizationId), member(userId));
      }
      counts.byOrg.clear();
      await pipeline.exec().catch(() => {});
    },
  };
}

export default fp(async (app) => {
  const presence = app.redis ? createClusterPresence(app.redis, { instanceId: app.bus.instanceId }) : createLocalPresence();
  app.decorate('presence', presence);
  app.addHook('onClose', async () => presence.close());
}, { name: 'presence', dependencies: ['event-bus'] });
