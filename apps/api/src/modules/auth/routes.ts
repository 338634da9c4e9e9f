import {
  acceptInviteBodySchema,
  forgotPasswordBodySchema,
  loginBodySchema,
  okEnvelope,
  resetPasswordBodySchema,
  sessionInfoSchema,
  signupBodySchema,
} from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { linkOrigin } from '../../lib/link-origin.ts';
import { errorResponses, ok } from '../../lib/route.ts';
import { requireSession } from '../../plugins/app/auth.ts';
import { ipKey, limitHook, perMinutes } from '../../plugins/external/rate-limit.ts';
import { definePasswordResetMailQueue, queuePasswordResetMail, resetPassword } from './password-reset.ts';
import { toSessionInfo } from './serializers.ts';
import * as service from './service.ts';

const tags = ['auth'];

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const factor = app.config.RATE_LIMIT_FACTOR;
  definePasswordResetMailQueue(app);

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
    const ctx = await service.acceptInvite(app.db, app.events, request.body);
    await app.sessions.start(request, reply, ctx.user.id, ctx.organizationId);
    return reply.code(201).send(ok(toSessionInfo(ctx)));
  });

  app.post('/forgot-password', {
    schema: {
      tags,
      summary: 'E-mail a password reset link; always 202, whether or not the address has an account',
      body: forgotPasswordBodySchema,
      response: { 202: okEnvelope(z.object({ accepted: z.literal(true) })) },
    },
    // Per IP across addresses (one client mailing many people), then per address across IPs (one inbox
    // flooded from many). Both answer the same 429 for known and unknown addresses.
    onRequest: limitHook(app.createRateLimit({ ...perMinutes(factor, 10), keyGenerator: ipKey('forgot-ip') })),
    config: {
      auth: 'public',
      rateLimit: {
        ...perMinutes(factor, 5, 60),
        hook: 'preHandler',
        keyGenerator: (req) => `forgot:${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
      },
    },
  }, async (request, reply) => {
    // Only a job is queued here, for every address: the lookup and the mail happen in the worker.
    await queuePasswordResetMail(app, { email: request.body.email, origin: linkOrigin(app.config, request) });
    return reply.code(202).send(ok({ accepted: true as const }));
  });

  app.post('/reset-password', {
    schema: {
      tags,
      summary: 'Set a new password with a reset link\'s token; signs the user out everywhere',
      body: resetPasswordBodySchema,
      response: { 200: okEnvelope(z.object({ passwordReset: z.literal(true) })) },
    },
    config: { auth: 'public', rateLimit: perMinutes(factor, 10) },
  }, async (request) => {
    const { userId } = await resetPassword(app.db, request.body);
    await app.sessionCache.invalidate({ userId });
    return ok({ passwordReset: true as const });
  });
};

export default authRoutes;
