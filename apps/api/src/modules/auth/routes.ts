import {
  acceptInviteBodySchema,
  loginBodySchema,
  okEnvelope,
  sessionInfoSchema,
  signupBodySchema,
} from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, ok } from '../../lib/route.ts';
import { requireSession } from '../../plugins/app/auth.ts';
import { ipKey, limitHook, perMinutes } from '../../plugins/external/rate-limit.ts';
import { toSessionInfo } from './serializers.ts';
import * as service from './service.ts';

const tags = ['auth'];

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const factor = app.config.RATE_LIMIT_FACTOR;

  app.post('/signup', {
    schema: { tags, summary: 'Create an account and a new organization', body: signupBodySchema, response: { 201: okEnvelope(sessionInfoSchema), ...errorResponses(409) } },
    config: { auth: 'public', rateLimit: perMinutes(factor, 20, 10) },
  }, async (request, reply) => {
    const ctx = await service.signup(app.db, request.body, { tokens: app.config.SIGNUP_TOKENS });
    await app.sessions.start(request, reply, ctx.user.id, ctx.organizationId);
    return reply.code(201).send(ok(toSessionInfo(ctx)));
  });

  app.post('/login', {
    schema: { tags, summary: 'Log in; sets a fresh helpstack_session cookie', body: loginBodySchema, response: { 200: okEnvelope(sessionInfoSchema) } },
    // Across emails too (password spraying), before the body is even read: each attempt costs an argon2 hash.
    onRequest: limitHook(app.createRateLimit({ ...perMinutes(factor, 30), keyGenerator: ipKey('login-ip') })),
    config: {
      auth: 'public',
      // After body parsing, so the key can include the email: one attacker cannot lock out everyone behind one NAT.
      rateLimit: {
        ...perMinutes(factor, 10),
        hook: 'preHandler',
        keyGenerator: (req) => `login:${req.ip}:${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
      },
    },
  }, async (request, reply) => {
    const ctx = await service.login(app.db, request.body.email, request.body.password);
    await app.sessions.start(request, reply, ctx.user.id, ctx.organizationId);
    return ok(toSessionInfo(ctx));
  });

  app.post('/logout', {
    schema: { tags, summary: 'Delete the session server-side and clear the cookie', response: { 200: okEnvelope(z.object({ loggedOut: z.literal(true) })) } },
    config: { selfService: true },
  }, async (request, reply) => {
    await app.sessions.end(request, reply);
    return ok({ loggedOut: true as const });
  });

  app.get('/session', {
    schema: { tags, summary: 'Who is signed in, in which organization, with which role', response: { 200: okEnvelope(sessionInfoSchema) } },
  }, async (request) => ok(toSessionInfo(requireSession(request))));

  app.post('/accept-invite', {
    schema: { tags, summary: 'Accept an invitation; signs the invitee in', body: acceptInviteBodySchema, response: { 201: okEnvelope(sessionInfoSchema) } },
    config: { auth: 'public', rateLimit: perMinutes(factor, 20) },
  }, async (request, reply) => {
    const ctx = await service.acceptInvite(app.db, request.body);
    await app.sessions.start(request, reply, ctx.user.id, ctx.organizationId);
    return reply.code(201).send(ok(toSessionInfo(ctx)));
  });
};

export default authRoutes;
