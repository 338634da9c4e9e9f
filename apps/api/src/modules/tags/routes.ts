import { createTagBodySchema, listOf, okEnvelope, tagSchema, updateTagBodySchema } from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { ConflictError, isUniqueViolation, NotFoundError } from '../../lib/errors.ts';
import { pageOf } from '../../lib/pagination.ts';
import { deletedSchema, errorResponses, idParams, ok } from '../../lib/route.ts';
import * as q from './queries.ts';
import { toTag } from './serializers.ts';

const tags = ['tags'];
const taken = (name: string) => new ConflictError(`A tag named "${name}" already exists`);

/**
 * /api/tags (CONTRACT §12). Every member reads them (the inbox filter); AGENT and ADMIN write. Names are
 * unique per organization whatever their case. Deleting a tag takes it off every conversation.
 */
const tagsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: { tags, summary: 'Tags, by name', response: { 200: okEnvelope(listOf(tagSchema)) } },
  }, async (request) => {
    const rows = await q.listTags(app.db, { organizationId: requireActor(request).organizationId });
    return ok(pageOf(rows.map(toTag), { page: 1, pageSize: Math.max(rows.length, 1), total: rows.length }));
  });

  app.post('/', {
    schema: { tags, summary: 'Create a tag', body: createTagBodySchema, response: { 201: okEnvelope(tagSchema), ...errorResponses(409) } },
    config: { auth: 'agent' },
  }, async (request, reply) => {
    const row = await q.insertTag(app.db, { organizationId: requireActor(request).organizationId, ...request.body });
    if (!row) throw taken(request.body.name);
    return reply.code(201).send(ok(toTag(row)));
  });

  app.patch('/:id', {
    schema: { tags, summary: 'Rename or recolour a tag', params: idParams, body: updateTagBodySchema, response: { 200: okEnvelope(tagSchema), ...errorResponses(409) } },
    config: { auth: 'agent' },
  }, async (request) => {
    try {
      const { organizationId } = requireActor(request);
      // One organization-level event (not one per conversation carrying the tag): open dashboards patch their caches.
      const row = await app.db.transaction(async (tx) => {
        const updated = await q.updateTag(tx, { organizationId, id: request.params.id, set: request.body });
        if (updated) await app.events.emit(tx, { organizationId, type: 'tag.updated', data: toTag(updated) });
        return updated;
      });
      if (!row) throw new NotFoundError('Tag');
      return ok(toTag(row));
    } catch (err) {
      if (isUniqueViolation(err)) throw taken(request.body.name ?? '');
      throw err;
    }
  });

  app.delete('/:id', {
    schema: { tags, summary: 'Delete a tag (and take it off every conversation)', params: idParams, response: { 200: okEnvelope(deletedSchema) } },
    config: { auth: 'agent' },
  }, async (request) => {
    const { organizationId } = requireActor(request);
    const row = await app.db.transaction(async (tx) => {
      const deleted = await q.deleteTag(tx, { organizationId, id: request.params.id });
      if (deleted) await app.events.emit(tx, { organizationId, type: 'tag.deleted', data: { id: deleted.id } });
      return deleted;
    });
    if (!row) throw new NotFoundError('Tag');
    return ok(row);
  });
};

export default tagsRoutes;
