import {
  invitationBodySchema,
  invitationPreviewQuerySchema,
  invitationPreviewSchema,
  invitationSchema,
  listOf,
  okEnvelope,
  roleSchema,
} from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../lib/actor.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { pageOf } from '../../lib/pagination.ts';
import { deletedSchema, idParams, ok } from '../../lib/route.ts';
import { linkOrigin } from '../../lib/link-origin.ts';
import { newToken } from '../../lib/tokens.ts';
import { perMinutes } from '../../plugins/external/rate-limit.ts';
import { defineInvitationMailQueue, queueInvitationMail } from './mail.ts';
import {
  deleteInvitation,
  deletePendingInvitations,
  findLiveInvitationByToken,
  insertInvitation,
  listPendingInvitations,
} from './queries.ts';

const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
const tags = ['invitations'];

const pendingSchema = z.object({ id: z.string(), email: z.string(), role: roleSchema, expiresAt: z.string(), createdAt: z.string() });

const invitationRoutes: FastifyPluginAsyncZod = async (app) => {
  defineInvitationMailQueue(app);

  app.post('/', {
    schema: {
      tags,
      summary: 'Invite someone by email: replaces their pending invitation and e-mails the accept link',
      body: invitationBodySchema,
      response: { 201: okEnvelope(invitationSchema) },
    },
    config: { auth: 'admin' },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const token = newToken();
    const row = await app.db.transaction(async (tx) => {
      await deletePendingInvitations(tx, { organizationId: actor.organizationId, email: request.body.email });
      const inserted = await insertInvitation(tx, {
        organizationId: actor.organizationId,
        email: request.body.email,
        role: request.body.role,
        token,
        invitedById: actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      });
      await app.events.emit(tx, { organizationId: actor.organizationId, type: 'invitation.changed', data: { id: inserted.id, change: 'created' } });
      return inserted;
    });
    await queueInvitationMail(app, { invitationId: row.id, token, origin: linkOrigin(app.config, request) });
    return reply.code(201).send(ok({ id: row.id, email: row.email, role: row.role, token, expiresAt: row.expiresAt.toISOString() }));
  });

  app.get('/preview', {
    schema: {
      tags,
      summary: 'Which workspace and role a live invitation token is for (public; 404 when unknown, expired or used)',
      querystring: invitationPreviewQuerySchema,
      response: { 200: okEnvelope(invitationPreviewSchema) },
    },
    // Tokens are 256-bit, so this is about load, not guessing.
    config: { auth: 'public', rateLimit: perMinutes(app.config.RATE_LIMIT_FACTOR, 30) },
  }, async (request) => {
    const row = await findLiveInvitationByToken(app.db, request.query.token);
    if (!row) throw new NotFoundError('Invitation');
    return ok({ organizationName: row.organizationName, email: row.email, role: row.role, expiresAt: row.expiresAt.toISOString() });
  });

  app.get('/', {
    schema: { tags, summary: 'Pending invitations', response: { 200: okEnvelope(listOf(pendingSchema)) } },
    config: { auth: 'admin' },
  }, async (request) => {
    const rows = await listPendingInvitations(app.db, { organizationId: requireActor(request).organizationId });
    const items = rows.map((r) => ({ id: r.id, email: r.email, role: r.role, expiresAt: r.expiresAt.toISOString(), createdAt: r.createdAt.toISOString() }));
    return ok(pageOf(items, { page: 1, pageSize: 100, total: items.length }));
  });

  app.delete('/:id', {
    schema: { tags, summary: 'Revoke an invitation', params: idParams, response: { 200: okEnvelope(deletedSchema) } },
    config: { auth: 'admin' },
  }, async (request) => {
    const organizationId = requireActor(request).organizationId;
    const row = await app.db.transaction(async (tx) => {
      const deleted = await deleteInvitation(tx, { organizationId, id: request.params.id });
      if (deleted) await app.events.emit(tx, { organizationId, type: 'invitation.changed', data: { id: deleted.id, change: 'revoked' } });
      return deleted;
    });
    if (!row) throw new NotFoundError('Invitation');
    return ok(row);
  });
};

export default invitationRoutes;
