import { agentToolSchema, createChannelAgentToolBodySchema, listOf, okEnvelope } from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { pageOf } from '../../lib/pagination.ts';
import { errorResponses, idParams, ok } from '../../lib/route.ts';
import * as q from './queries.ts';
import { toAgentTool } from './serializers.ts';
import { createTool } from './service.ts';

const tags = ['agent-tools'];

/** `/api/channels/[id]/agent-tools` (the reference's channel row). */
const channelAgentToolsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/:id/agent-tools', {
    schema: { tags, summary: 'The tools available on a channel: organization-wide plus its own', params: idParams, response: { 200: okEnvelope(listOf(agentToolSchema)) } },
  }, async (request) => {
    const organizationId = requireActor(request).organizationId;
    if (!(await q.channelExists(app.db, { organizationId, channelId: request.params.id }))) throw new NotFoundError('Channel');
    const rows = await q.listTools(app.db, { organizationId, channelId: request.params.id });
    return ok(pageOf(rows.map(toAgentTool), { page: 1, pageSize: Math.max(rows.length, 1), total: rows.length }));
  });

  app.post('/:id/agent-tools', {
    schema: { tags, summary: 'Create a tool scoped to this channel', params: idParams, body: createChannelAgentToolBodySchema, response: { 201: okEnvelope(agentToolSchema), ...errorResponses(409) } },
    config: { auth: 'agent' },
  }, async (request, reply) => {
    const organizationId = requireActor(request).organizationId;
    if (!(await q.channelExists(app.db, { organizationId, channelId: request.params.id }))) throw new NotFoundError('Channel');
    const row = await createTool(app, organizationId, { ...request.body, channelId: request.params.id });
    return reply.code(201).send(ok(toAgentTool(row)));
  });
};

export default channelAgentToolsRoutes;
