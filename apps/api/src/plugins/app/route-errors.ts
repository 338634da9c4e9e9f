import type { RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { errorResponses, type ErrorStatus } from '../../lib/route.ts';
import { isLimitHook } from '../external/rate-limit.ts';
import { accessOf } from './auth.ts';

const hooksOf = (route: RouteOptions) =>
  [route.onRequest, route.preValidation, route.preHandler].flatMap((h) => (h === undefined ? [] : Array.isArray(h) ? h : [h]));

/** The error answers every route of this shape can give, whatever its handler does. */
function commonErrors(route: RouteOptions): ErrorStatus[] {
  const schema = route.schema ?? {};
  const statuses: ErrorStatus[] = [];
  // storable-input and the schemas refuse bad params, query and body alike.
  if (schema.body || schema.querystring || schema.params) statuses.push(400);
  if (accessOf(route.config ?? {}, route.url) !== 'public') statuses.push(401, 403);
  if (schema.params) statuses.push(404);
  if (route.config?.rateLimit || hooksOf(route).some(isLimitHook)) statuses.push(429);
  return statuses;
}

/**
 * Route plumbing once: every documented route's `response` gains the error envelope for the statuses
 * its access level, parameters and rate limits imply, so OpenAPI shows them without each route
 * spelling them out. What a route declares itself (`...errorResponses(409)`) is kept.
 * Errors are sent by the error handler with its own serializer, so these schemas only document.
 */
export default fp(async (app) => {
  app.addHook('onRoute', (route) => {
    const response = route.schema?.response as Record<string, unknown> | undefined;
    if (!response || route.schema?.hide) return;
    route.schema!.response = { ...errorResponses(...commonErrors(route)), ...response };
  });
}, { name: 'route-errors' });
