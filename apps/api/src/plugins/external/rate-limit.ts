import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { RateLimitedError } from '../../lib/errors.ts';

/**
 * Per-route limits only (`config.rateLimit`). With REDIS_URL the counters live in Redis, so every
 * instance behind the load balancer shares them.
 */
export default fp(async (app) => {
  const redis = app.config.REDIS_URL
    ? new Redis(app.config.REDIS_URL, { connectTimeout: 500, maxRetriesPerRequest: 1, lazyConnect: false })
    : undefined;
  if (redis) app.addHook('onClose', async () => void (await redis.quit()));
  await app.register(rateLimit, {
    global: false,
    redis,
    nameSpace: 'helpstack:rl:',
    skipOnError: true,
    errorResponseBuilder: (_req, ctx) => new RateLimitedError(`Too many requests, retry in ${ctx.after}`),
  });
}, { name: 'rate-limit', dependencies: ['config'] });

/** A limit of `max` per `minutes`, scaled by RATE_LIMIT_FACTOR (tests raise it). */
export const perMinutes = (factor: number, max: number, minutes = 1) => ({
  max: Math.max(1, Math.round(max * factor)),
  timeWindow: minutes * 60_000,
});
