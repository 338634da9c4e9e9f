import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { RateLimitedError } from '../../lib/errors.ts';

/**
 * Per-route limits only (`config.rateLimit`). With REDIS_URL the counters live in Redis, so every
 * instance behind the load balancer shares them.
 */
export default fp(async (app) => {
  await app.register(rateLimit, {
    global: false,
    // The app's one command connection (plugins/app/redis.ts), not one of its own.
    redis: app.redis ?? undefined,
    nameSpace: 'helpstack:rl:',
    skipOnError: true,
    errorResponseBuilder: (_req, ctx) => new RateLimitedError(`Too many requests, retry in ${ctx.after}`),
  });
}, { name: 'rate-limit', dependencies: ['config', 'redis'] });

/** A limit of `max` per `minutes`, scaled by RATE_LIMIT_FACTOR (tests raise it). */
export const perMinutes = (factor: number, max: number, minutes = 1) => ({
  max: Math.max(1, Math.round(max * factor)),
  timeWindow: minutes * 60_000,
});

/** A limiter from `app.createRateLimit`: one bucket, usable by several routes and by WebSocket frames. */
export type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/** Whether `request` is over `limiter`'s budget (the call counts it). */
export async function isLimited(limiter: Limiter, request: FastifyRequest) {
  const result = await limiter(request);
  return !result.isAllowed && result.isExceeded;
}

/**
 * `limiter` as a route hook, for a route with more than one limit or a bucket shared with sockets: the
 * plugin's own `app.rateLimit()` hook runs at most once per request and `config.rateLimit` gets a
 * bucket of its own per route. Same headers and 429 envelope; same store, so Redis shares it too.
 * With several on a route, the last one to run sets the headers of a response that passes.
 */
export function limitHook(limiter: Limiter) {
  const hook = async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await limiter(request);
    if (result.isAllowed) return;
    reply
      .header('x-ratelimit-limit', result.max)
      .header('x-ratelimit-remaining', result.remaining)
      .header('x-ratelimit-reset', result.ttlInSeconds);
    if (!result.isExceeded) return;
    reply.header('retry-after', result.ttlInSeconds);
    throw new RateLimitedError(`Too many requests, retry in ${result.ttlInSeconds} seconds`);
  };
  return Object.assign(hook, { [LIMIT_HOOK]: true });
}

const LIMIT_HOOK = Symbol('limitHook');
/** Whether a route hook is a `limitHook` (the route can answer 429; OpenAPI says so). */
export const isLimitHook = (fn: unknown) => typeof fn === 'function' && LIMIT_HOOK in fn;

/** A per-IP key: the socket's address, or the forwarded one from a trusted proxy (TRUST_PROXY). */
export const ipKey = (prefix: string) => (request: FastifyRequest) => `${prefix}:${request.ip}`;
