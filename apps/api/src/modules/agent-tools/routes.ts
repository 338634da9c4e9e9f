import {
  agentToolLogSchema,
  agentToolSchema,
  createAgentToolBodySchema,
  listOf,
  okEnvelope,
  pageQuerySchema,
  testAgentToolBodySchema,
  updateAgentToolBodySchema,
} from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { offsetOf, pageOf } from '../../lib/pagination.ts';
import { deletedSchema, errorResponses, idParams, ok } from '../../lib/route.ts';
import { callTool } from './call.ts';
import * as q from './queries.ts';
import { toAgentTool, toAgentToolLog } from './serializers.ts';
import { createTool, deleteTool, updateTool } from './service.ts';

const tags = ['agent-tools'];

/** CONTRACT §9: Session reads (VIEWER too); AGENT and ADMIN write and test. */
const agentToolsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: { tags, summary: 'The organization\'s agent tools (header values and secrets never shown)', response: { 200: okEnvelope(listOf(agentToolSchema)) } },
  }, async (request) => {
    const rows = await q.listTools(app.db, { organizationId: requireActor(request).organizationId });
    return ok(pageOf(rows.map(toAgentTool), { page: 1, pageSize: Math.max(rows.length, 1), total: rows.length }));
  });

  app.get('/:id', {
    schema: { tags, summary: 'One agent tool', params: idParams, response: { 200: okEnvelope(agentToolSchema) } },
  }, async (request) => {
    const row = await q.findTool(app.db, { organizationId: requireActor(request).organizationId, id: request.params.id });
    if (!row) throw new NotFoundError('Agent tool');
    return ok(toAgentTool(row));
  });

  app.post('/', {
    schema: { tags, summary: 'Create an agent tool (`channelId` scopes it to a channel; null: every channel)', body: createAgentToolBodySchema, response: { 201: okEnvelope(agentToolSchema), ...errorResponses(409) } },
    config: { auth: 'agent' },
  }, async (request, reply) => {
    const row = await createTool(app, requireActor(request).organizationId, request.body);
    return reply.code(201).send(ok(toAgentTool(row)));
  });

  app.patch('/:id', {
    schema: { tags, summary: 'Update an agent tool (partial; stored header values and secret kept unless replaced)', params: idParams, body: updateAgentToolBodySchema, response: { 200: okEnvelope(agentToolSchema), ...errorResponses(409) } },
    config: { auth: 'agent' },
  }, async (request) => ok(toAgentTool(await updateTool(app, requireActor(request).organizationId, request.params.id, request.body))));

  app.delete('/:id', {
    schema: { tags, summary: 'Delete an agent tool and its logs', params: idParams, response: { 200: okEnvelope(deletedSchema) } },
    config: { auth: 'agent' },
  }, async (request) => ok(await deleteTool(app, requireActor(request).organizationId, request.params.id)));

  app.get('/:id/logs', {
    schema: { tags, summary: 'The tool\'s calls, newest first', params: idParams, querystring: pageQuerySchema, response: { 200: okEnvelope(listOf(agentToolLogSchema)) } },
  }, async (request) => {
    const organizationId = requireActor(request).organizationId;
    if (!(await q.findTool(app.db, { organizationId, id: request.params.id }))) throw new NotFoundError('Agent tool');
    const { page, pageSize } = request.query;
    const { rows, total } = await q.listLogs(app.db, { organizationId, toolId: request.params.id, limit: pageSize, offset: offsetOf(request.query) });
    return ok(pageOf(rows.map(toAgentToolLog), { page, pageSize, total }));
  });

  app.post('/:id/test', {
    schema: { tags, summary: 'Make one real call with these arguments; answers its log entry', params: idParams, body: testAgentToolBodySchema, response: { 200: okEnvelope(agentToolLogSchema) } },
    config: { auth: 'agent' },
  }, async (request) => {
    const tool = await q.findTool(app.db, { organizationId: requireActor(request).organizationId, id: request.params.id });
    if (!tool) throw new NotFoundError('Agent tool');
    const { log } = await callTool(app, tool, request.body.arguments, { conversationId: null, messageId: null });
    return ok(toAgentToolLog(log));
  });
};

export default agentToolsRoutes;
