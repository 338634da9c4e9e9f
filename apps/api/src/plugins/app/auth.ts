import { createHash } from 'node:crypto';
import { DrizzlePostgreSQLAdapter } from '@lucia-auth/adapter-drizzle';
import type { Role } from '@helpstack/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { eq } from 'drizzle-orm';
import { Lucia, TimeSpan, generateIdFromEntropySize, type Cookie } from 'lucia';
import { sessions, users } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { ForbiddenError, UnauthorizedError } from '../../lib/errors.ts';
import { findSessionContext, type MembershipContext, type SessionContext } from './membership.ts';

export const SESSION_COOKIE = 'helpstack_session';
const ABSOLUTE_LIFETIME_MS = 30 * 24 * 3600 * 1000;
/** Idle lifetime, extended when a request comes in its second half (Lucia's rule). */
const SESSION_EXPIRES_IN = new TimeSpan(7, 'd');

/**
 * Minimum access a route needs, in one word — the reference's withOrganization / withAgent / withAdmin.
 * `member` is any member of the organization (VIEWER included for reads).
 */
export type Access = 'public' | 'member' | 'agent' | 'admin';
const RANK: Record<Role, number> = { VIEWER: 1, AGENT: 2, ADMIN: 3 };
const NEEDS: Record<Exclude<Access, 'public'>, number> = { member: 1, agent: 2, admin: 3 };
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A route's access: its own `config.auth`, else `member` under /api and `public` elsewhere (unknown URLs too). */
export const accessOf = (config: { auth?: Access }, url: string, is404 = false): Access =>
  config.auth ?? (url.startsWith('/api') && !is404 ? 'member' : 'public');

export interface AuthContext extends MembershipContext {
  /** The stored id: the SHA-256 of the cookie's token, never the token itself. */
  sessionId: string;
}

/**
 * The cookie carries a random token; the `sessions` row is keyed by its SHA-256, so a read-only leak of
 * the table hands out no live session. Rows written before this rule no longer validate: users log in again.
 */
const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

const authOf = ({ user, organization, organizationId, role, membershipId, sessionId }: SessionContext): AuthContext =>
  ({ user, organization, organizationId, role, membershipId, sessionId });

/** The actor a signed-in session acts as. */
export const actorOf = (auth: AuthContext): Actor => ({
  kind: 'user',
  userId: auth.user.id,
  organizationId: auth.organizationId,
  role: auth.role,
  sessionId: auth.sessionId,
});

/**
 * The whole session (the user's and the organization's rows), for the few routes that answer with them;
 * everything else reads `requireActor(request)`.
 */
export function requireSession(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new UnauthorizedError();
  return request.auth;
}

function createLucia(app: FastifyInstance) {
  return new Lucia(new DrizzlePostgreSQLAdapter(app.db as never, sessions, users), {
    sessionExpiresIn: SESSION_EXPIRES_IN,
    sessionCookie: {
      name: SESSION_COOKIE,
      expires: true,
      attributes: { secure: app.config.NODE_ENV === 'production', sameSite: 'lax' },
    },
    getSessionAttributes: (a) => ({ organizationId: a.organizationId, createdAt: a.createdAt }),
    getUserAttributes: (a) => ({ email: a.email, name: a.name }),
  });
}

declare module 'lucia' {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseSessionAttributes: { organizationId: string; createdAt?: Date };
    DatabaseUserAttributes: { email: string; name: string };
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Minimum access; defaults to `member` under /api and `public` elsewhere. */
    auth?: Access;
    /** The route changes only the caller's own state, so a VIEWER may call it (CONTRACT §2). */
    selfService?: boolean;
  }
  interface FastifyRequest {
    /** The resolved session; routes read `actor` (via requireActor) unless they answer with the session itself. */
    auth: AuthContext | null;
    actor: Actor | null;
  }
  interface FastifyInstance {
    sessions: {
      /** Start a session in `organizationId` and set the cookie (rotation: the old one, if any, is deleted). */
      start(request: FastifyRequest, reply: FastifyReply, userId: string, organizationId: string): Promise<void>;
      end(request: FastifyRequest, reply: FastifyReply): Promise<void>;
      /** The auth context of a raw cookie header, for WebSocket upgrades and other non-route callers. */
      fromCookieHeader(cookieHeader: string | undefined): Promise<AuthContext | null>;
    };
  }
}

export default fp(async (app) => {
  const lucia = createLucia(app);
  const allowedOrigins = new Set(app.config.APP_ORIGIN);

  const SESSION_LIFETIME_MS = SESSION_EXPIRES_IN.milliseconds();

  /**
   * The cached context (plugins/app/session-cache.ts), else one indexed statement (findSessionContext),
   * then Lucia's rules by hand: an expired session or one past its absolute lifetime is deleted; one in
   * the second half of its life is extended (and the cookie re-sent, `fresh`). Those writes are decided on
   * a fresh read, never on a cached row: another instance may have extended the session meanwhile.
   * A session without its membership (member removed) is no session; a miss is never cached.
   */
  async function resolve(token: string): Promise<{ auth: AuthContext | null; fresh: boolean }> {
    const id = sessionIdOf(token);
    const now = Date.now();
    const needsWrite = (c: SessionContext) =>
      c.expiresAt.getTime() - SESSION_LIFETIME_MS / 2 <= now || now - c.createdAt.getTime() > ABSOLUTE_LIFETIME_MS;
    let ctx = app.sessionCache.get(id);
    if (!ctx || needsWrite(ctx)) {
      const fill = app.sessionCache.beginFill();
      ctx = (await findSessionContext(app.db, id)) ?? undefined;
      if (!ctx) return { auth: null, fresh: false };
      if (ctx.expiresAt.getTime() <= now || now - ctx.createdAt.getTime() > ABSOLUTE_LIFETIME_MS) {
        await lucia.invalidateSession(ctx.sessionId);
        await app.sessionCache.invalidate({ sessionIds: [ctx.sessionId] });
        return { auth: null, fresh: false };
      }
      const fresh = ctx.expiresAt.getTime() - SESSION_LIFETIME_MS / 2 <= now;
      if (fresh) {
        const expiresAt = new Date(now + SESSION_LIFETIME_MS);
        await app.db.update(sessions).set({ expiresAt }).where(eq(sessions.id, ctx.sessionId));
        ctx = { ...ctx, expiresAt };
      }
      fill(ctx);
      return { auth: authOf(ctx), fresh };
    }
    return { auth: authOf(ctx), fresh: false };
  }

  function isCrossSite(request: FastifyRequest) {
    const origin = request.headers.origin;
    // No Origin (curl, server-to-server) is allowed, unless the browser's Fetch Metadata says the page was
    // another site's. `same-site` is not refused: the contract names only cross-site.
    if (!origin) return request.headers['sec-fetch-site'] === 'cross-site';
    if (allowedOrigins.has(origin)) return false;
    return origin !== `${request.protocol}://${request.host}`;
  }

  // Secure in production, and whenever the browser spoke HTTPS (to us, or to a TRUST_PROXY proxy).
  function setSessionCookie(request: FastifyRequest, reply: FastifyReply, c: Cookie) {
    reply.setCookie(c.name, c.value, { ...c.attributes, secure: c.attributes.secure || request.protocol === 'https' });
  }

  app.decorateRequest('auth', null);
  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    // CORS preflights carry no credentials by design; the route they precede enforces its own access.
    const access = request.method === 'OPTIONS' ? 'public' : accessOf(config, request.url, request.is404);
    const token = request.cookies[SESSION_COOKIE];

    if (token && STATE_CHANGING.has(request.method) && isCrossSite(request)) {
      throw new ForbiddenError('Cross-site request refused');
    }
    if (token && (access !== 'public' || config.selfService)) {
      const { auth, fresh } = await resolve(token);
      request.auth = auth;
      request.actor = auth && actorOf(auth);
      if (!auth) {
        setSessionCookie(request, reply, lucia.createBlankSessionCookie());
      } else if (fresh) {
        setSessionCookie(request, reply, lucia.createSessionCookie(token));
      }
    }
    if (access === 'public') return;
    const actor = request.actor;
    if (!actor) throw new UnauthorizedError();
    if (RANK[actor.role] < NEEDS[access]) throw new ForbiddenError();
    if (actor.role === 'VIEWER' && STATE_CHANGING.has(request.method) && !config.selfService) {
      throw new ForbiddenError('Viewers have read-only access');
    }
  });

  app.decorate('sessions', {
    async start(request, reply, userId, organizationId) {
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) {
        await lucia.invalidateSession(sessionIdOf(previous));
        await app.sessionCache.invalidate({ sessionIds: [sessionIdOf(previous)] });
      }
      const token = generateIdFromEntropySize(25);
      await lucia.createSession(userId, { organizationId, createdAt: new Date() }, { sessionId: sessionIdOf(token) });
      setSessionCookie(request, reply, lucia.createSessionCookie(token));
    },
    async end(request, reply) {
      const token = request.cookies[SESSION_COOKIE];
      const id = request.auth?.sessionId ?? (token ? sessionIdOf(token) : undefined);
      if (id) {
        await lucia.invalidateSession(id);
        await app.sessionCache.invalidate({ sessionIds: [id] });
      }
      setSessionCookie(request, reply, lucia.createBlankSessionCookie());
    },
    async fromCookieHeader(cookieHeader) {
      const token = cookieHeader ? app.parseCookie(cookieHeader)[SESSION_COOKIE] : undefined;
      return token ? (await resolve(token)).auth : null;
    },
  });
}, { name: 'auth', dependencies: ['config', 'db', 'cookie', 'session-cache'] });
