import { listOf, memberSchema, okEnvelope, pageQuerySchema, updateMemberBodySchema } from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { offsetOf, pageOf } from '../../lib/pagination.ts';
import { deletedSchema, idParams, ok } from '../../lib/route.ts';
import * as q from './queries.ts';

const tags = ['members'];

const membersRoutes: FastifyPluginAsyncZod = async (app) => {
  /** One presence lookup per response, whatever the page size. */
  const onlineIn = async (organizationId: string) => new Set(await app.presence.onlineUserIds(organizationId));
  const toMember = (online: Set<string>, r: Awaited<ReturnType<typeof q.findMember>> & {}) => ({
    ...r,
    online: online.has(r.userId),
    createdAt: r.createdAt.toISOString(),
  });

  /** Role changes and removals may not leave the organization without an ADMIN. */
  async function guardLastAdmin(organizationId: string, id: string) {
    const member = await q.findMember(app.db, { organizationId, id });
    if (!member) throw new NotFoundError('Member');
    if (member.role === 'ADMIN' && !(await q.hasOtherAdmin(app.db, { organizationId, excludingId: id }))) {
      throw new ConflictError('The organization needs at least one ADMIN');
    }
    return member;
  }

  app.get('/', {
    schema: { tags, summary: 'Members of the organization', querystring: pageQuerySchema, response: { 200: okEnvelope(listOf(memberSchema)) } },
  }, async (request) => {
    const organizationId = requireActor(request).organizationId;
    const { rows, total } = await q.listMembers(app.db, { organizationId, limit: request.query.pageSize, offset: offsetOf(request.query) });
    const online = await onlineIn(organizationId);
    return ok(pageOf(rows.map((r) => toMember(online, r)), { ...request.query, total }));
  });

  app.patch('/:id', {
    schema: { tags, summary: 'Change a member\'s role', params: idParams, body: updateMemberBodySchema, response: { 200: okEnvelope(memberSchema) } },
    config: { auth: 'admin' },
  }, async (request) => {
    const organizationId = requireActor(request).organizationId;
    const { id } = request.params;
    const member = request.body.role === 'ADMIN'
      ? await q.findMember(app.db, { organizationId, id })
      : await guardLastAdmin(organizationId, id);
    if (!member) throw new NotFoundError('Member');
    await app.db.transaction(async (tx) => {
      await q.updateMemberRole(tx, { organizationId, id, role: request.body.role });
      await app.events.emit(tx, { organizationId, type: 'member.changed', data: { userId: member.userId, change: 'role' } });
    });
    await app.sessionCache.invalidate({ userId: member.userId });
    return ok(toMember(await onlineIn(organizationId), { ...member, role: request.body.role }));
  });

  app.delete('/:id', {
    schema: { tags, summary: 'Remove a member from the organization', params: idParams, response: { 200: okEnvelope(deletedSchema) } },
    config: { auth: 'admin' },
  }, async (request) => {
    const organizationId = requireActor(request).organizationId;
    const member = await guardLastAdmin(organizationId, request.params.id);
    await app.db.transaction(async (tx) => {
      await q.deleteMember(tx, { organizationId, id: request.params.id });
      await app.events.emit(tx, { organizationId, type: 'member.changed', data: { userId: member.userId, change: 'removed' } });
    });
    await app.sessionCache.invalidate({ userId: member.userId });
    return ok({ id: request.params.id });
  });
};

export default membersRoutes;
