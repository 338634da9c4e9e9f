import { invitationBodySchema, invitationSchema, listOf, okEnvelope, roleSchema } from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../lib/actor.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { pageOf } from '../../lib/pagination.ts';
import { deletedSchema, idParams, ok } from '../../lib/route.ts';
import { newToken } from '../../lib/tokens.ts';
import { deleteInvitation, insertInvitation, listPendingInvitations } from './queries.ts';

const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
const tags = ['invitations'];

const pendingSchema = z.object({ id: z.string(), email: z.string(), role: roleSchema, expiresAt: z.string(), createdAt: z.string() });

const invitationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/', {
    schema: { tags, summary: 'Invite someone by email; the token goes in the accept link', body: invitationBodySchema, response: { 201: okEnvelope(invitationSchema) } },
    config: { auth: 'admin' },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const token = newToken();
    const row = await insertInvitation(app.db, {
      organizationId: actor.organizationId,
      email: request.body.email,
      role: request.body.role,
      token,
      invitedById: actor.userId,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    });
    return reply.code(201).send(ok({ id: row.id, email: row.email, role: row.role, token, expiresAt: row.expiresAt.toISOString() }));
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
    const row = await deleteInvitation(app.db, { organizationId: requireActor(request).organizationId, id: request.params.id });
    if (!row) throw new NotFoundError('Invitation');
    return ok(row);
  });
};

export default invitationRoutes;
