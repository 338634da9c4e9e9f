import { roleSchema } from '@helpstack/contracts';
import { z } from 'zod';
import { UnauthorizedError } from './errors.ts';

/**
 * Who is acting on a request. Routes read this, never the session: an API key (next issues) becomes a
 * second member of the union, and every route that needs a person (a `userId`) is then a type error to
 * look at rather than a silent assumption.
 */
export const actorSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('user'),
    userId: z.string(),
    organizationId: z.string(),
    role: roleSchema,
    /** The stored session id (the SHA-256 of the cookie's token). */
    sessionId: z.string(),
  }),
]);
export type Actor = z.infer<typeof actorSchema>;
export type UserActor = Extract<Actor, { kind: 'user' }>;

/** The actor of a route that requires one (the auth plugin has already refused anonymous callers). */
export function requireActor(request: { actor: Actor | null }): Actor {
  if (!request.actor) throw new UnauthorizedError();
  return request.actor;
}

/**
 * Who wrote a message: a member, or the AI or the system acting for the organization (no user behind it).
 * The message columns `senderType`/`authorId` derive from it in one place.
 */
export type MessageAuthor = { kind: 'user'; userId: string } | { kind: 'ai' } | { kind: 'system' };

export const authorColumns = (author: MessageAuthor) =>
  author.kind === 'user'
    ? { senderType: 'AGENT' as const, authorId: author.userId }
    : { senderType: author.kind === 'ai' ? ('AI' as const) : ('SYSTEM' as const), authorId: null };
