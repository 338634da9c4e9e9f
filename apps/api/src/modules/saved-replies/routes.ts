import {
  createSavedReplyBodySchema,
  listOf,
  listSavedRepliesQuerySchema,
  okEnvelope,
  savedReplySchema,
  updateSavedReplyBodySchema,
} from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../lib/actor.ts';
import { ConflictError, isUniqueViolation, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { pageOf } from '../../lib/pagination.ts';
import { deletedSchema, errorResponses, idParams, ok } from '../../lib/route.ts';
import { channelExists } from '../faqs/queries.ts';
import * as q from './queries.ts';
import { toSavedReply } from './serializers.ts';

const tags = ['saved-replies'];
const taken = (shortcut: string) => new ConflictError(`The shortcut "/${shortcut}" is already used by another saved reply`);

/** A body may only point at a channel of the caller's organization. */
async function assertChannel(db: Db, organizationId: string, channelId: string | null | undefined) {
  if (channelId && !(await channelExists(db, { organizationId, channelId }))) {
    throw ValidationError.field('channelId', 'No such channel in your organization');
  }
}

/**
 * /api/saved-replies (CONTRACT §12). Every member reads them (a VIEWER sees what the team answers);
 * AGENT and ADMIN write — they are the ones who type replies. Shortcuts are unique per organization.
 */
const savedRepliesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: {
      tags,
      summary: 'Saved replies, by shortcut; `channelId` narrows to that channel\'s and the organization-wide ones',
      querystring: listSavedRepliesQuerySchema,
      response: { 200: okEnvelope(listOf(savedReplySchema)) },
    },
  }, async (request) => {
    const rows = await q.listSavedReplies(app.db, { organizationId: requireActor(request).organizationId, channelId: request.query.channelId });
    return ok(pageOf(rows.map(toSavedReply), { page: 1, pageSize: Math.max(rows.length, 1), total: rows.length }));
  });

  app.post('/', {
    schema: { tags, summary: 'Create a saved reply (channelId null: every channel)', body: createSavedReplyBodySchema, response: { 201: okEnvelope(savedReplySchema), ...errorResponses(409) } },
    config: { auth: 'agent' },
  }, async (request, reply) => {
    const organizationId = requireActor(request).organizationId;
    const { shortcut, title, content } = request.body;
    const channelId = request.body.channelId ?? null;
    await assertChannel(app.db, organizationId, channelId);
    const row = await q.insertSavedReply(app.db, { organizationId, channelId, shortcut, title, content });
    if (!row) throw taken(shortcut);
    return reply.code(201).send(ok(toSavedReply(row)));
  });

  app.patch('/:id', {
    schema: { tags, summary: 'Update a saved reply', params: idParams, body: updateSavedReplyBodySchema, response: { 200: okEnvelope(savedReplySchema), ...errorResponses(409) } },
    config: { auth: 'agent' },
  }, async (request) => {
    const organizationId = requireActor(request).organizationId;
    await assertChannel(app.db, organizationId, request.body.channelId);
    try {
      const row = await q.updateSavedReply(app.db, { organizationId, id: request.params.id, set: request.body });
      if (!row) throw new NotFoundError('Saved reply');
      return ok(toSavedReply(row));
    } catch (err) {
      if (isUniqueViolation(err)) throw taken(request.body.shortcut ?? '');
      throw err;
    }
  });

  app.delete('/:id', {
    schema: { tags, summary: 'Delete a saved reply', params: idParams, response: { 200: okEnvelope(deletedSchema) } },
    config: { auth: 'agent' },
  }, async (request) => {
    const row = await q.deleteSavedReply(app.db, { organizationId: requireActor(request).organizationId, id: request.params.id });
    if (!row) throw new NotFoundError('Saved reply');
    return ok(row);
  });
};

export default savedRepliesRoutes;
