import { errorEnvelopeSchema } from '@helpstack/contracts';
import { z } from 'zod';

/** The success envelope of CONTRACT §1. */
export const ok = <T>(data: T) => ({ success: true as const, data });

/** `/:id` of every resource route. */
export const idParams = z.object({ id: z.string().min(1).max(100) });

/** What a DELETE answers: the id that is gone. */
export const deletedSchema = z.object({ id: z.string() });

const ERROR_DESCRIPTIONS = {
  400: 'Invalid input (VALIDATION_ERROR, with `fields`)',
  401: 'No valid session (UNAUTHORIZED)',
  402: 'The organization is out of tokens (INSUFFICIENT_TOKENS)',
  403: 'The role may not do this, or a cross-site request was refused (FORBIDDEN)',
  404: 'No such resource in your organization (NOT_FOUND)',
  409: 'Conflicts with the current state (CONFLICT)',
  413: 'The body or upload is too large (PAYLOAD_TOO_LARGE)',
  415: 'Unsupported content type (UNSUPPORTED_MEDIA_TYPE)',
  429: 'Too many requests (RATE_LIMITED, with `retry-after`)',
  502: 'A third-party provider (channel or AI) refused or failed (UPSTREAM_ERROR)',
} as const;
export type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/**
 * Error-envelope responses for a route schema's `response`, so OpenAPI lists them. The common ones
 * (400/401/403/404/429) are added to every route by plugins/app/route-errors.ts from what the route
 * declares; a route spreads this for the others it can answer (`...errorResponses(409)`).
 */
export const errorResponses = (...statuses: ErrorStatus[]) =>
  Object.fromEntries(statuses.map((status) => [status, errorEnvelopeSchema.describe(ERROR_DESCRIPTIONS[status])])) as Partial<
    Record<ErrorStatus, typeof errorEnvelopeSchema>
  >;

/**
 * Sends a body already serialized by this route's response schema (e.g. kept from an earlier request)
 * as is: a string with a JSON content type skips Fastify's serializer.
 */
export function sendSerialized(reply: { type(t: string): { send(payload?: unknown): unknown } }, body: string): void {
  reply.type('application/json; charset=utf-8').send(body);
}
