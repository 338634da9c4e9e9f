import rateLimit, { type CreateRateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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

/**
 * A second limit on a route that already has one (`config.rateLimit`), as a hook. The plugin's own
 * `app.rateLimit()` hook runs at most once per request, so it cannot stack; this one always counts,
 * and answers 429 with the same envelope and headers. Same store, so Redis shares it too.
 */
export function extraLimit(app: FastifyInstance, options: CreateRateLimitOptions) {
  const check = app.createRateLimit(options);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await check(request);
    if (result.isAllowed || !result.isExceeded) return;
    reply
      .header('x-ratelimit-limit', result.max)
      .header('x-ratelimit-remaining', 0)
      .header('x-ratelimit-reset', result.ttlInSeconds)
      .header('retry-after', result.ttlInSeconds);
    throw new RateLimitedError(`Too many requests, retry in ${result.ttlInSeconds} seconds`);
  };
}

/** The client's address for a per-IP key: the socket's, or the trusted proxy's forwarded one (TRUST_PROXY). */
export const ipKey = (prefix: string) => (request: FastifyRequest) => `${prefix}:${request.ip}`;
