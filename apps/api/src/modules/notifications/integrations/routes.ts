import {
  createdNotificationIntegrationSchema,
  createNotificationIntegrationBodySchema,
  listOf,
  notificationDeliverySchema,
  notificationIntegrationSchema,
  okEnvelope,
  pageQuerySchema,
  testNotificationIntegrationResultSchema,
  updateNotificationIntegrationBodySchema,
} from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../../lib/actor.ts';
import { NotFoundError } from '../../../lib/errors.ts';
import { offsetOf, pageOf } from '../../../lib/pagination.ts';
import { deletedSchema, idParams, ok } from '../../../lib/route.ts';
import { organizationName } from '../recipients.ts';
import { INTEGRATION_QUEUE, type IntegrationJob } from './deliver.ts';
import { testPayload } from './payloads.ts';
import * as q from './queries.ts';
import { toDelivery, toIntegration } from './serializers.ts';
import { createIntegration, deleteIntegration, updateIntegration } from './service.ts';

const tags = ['notifications'];

/** CONTRACT §11 integrations: Session reads (VIEWER too); AGENT and ADMIN create, change, delete and test. */
const integrationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: { tags, summary: 'The organization\'s notification integrations (url and secret never shown)', response: { 200: okEnvelope(listOf(notificationIntegrationSchema)) } },
  }, async (request) => {
    const rows = await q.listIntegrations(app.db, requireActor(request).organizationId);
    return ok(pageOf(rows.map(toIntegration), { page: 1, pageSize: Math.max(rows.length, 1), total: rows.length }));
  });

  app.post('/', {
    schema: { tags, summary: 'Create an integration (SLACK/DISCORD/WEBHOOK take a url, EMAIL an address; a WEBHOOK\'s signing secret is in this answer only)', body: createNotificationIntegrationBodySchema, response: { 201: okEnvelope(createdNotificationIntegrationSchema) } },
    config: { auth: 'agent' },
  }, async (request, reply) => {
    const { row, signingSecret } = await createIntegration(app, requireActor(request).organizationId, request.body);
    return reply.code(201).send(ok({ ...toIntegration(row), ...(signingSecret ? { secret: signingSecret } : {}) }));
  });

  app.patch('/:id', {
    schema: { tags, summary: 'Update an integration (partial; a new url replaces the stored one)', params: idParams, body: updateNotificationIntegrationBodySchema, response: { 200: okEnvelope(notificationIntegrationSchema) } },
    config: { auth: 'agent' },
  }, async (request) => ok(toIntegration(await updateIntegration(app, requireActor(request).organizationId, request.params.id, request.body))));

  app.delete('/:id', {
    schema: { tags, summary: 'Delete an integration and its delivery log', params: idParams, response: { 200: okEnvelope(deletedSchema) } },
    config: { auth: 'agent' },
  }, async (request) => ok(await deleteIntegration(app, requireActor(request).organizationId, request.params.id)));

  app.get('/:id/deliveries', {
    schema: { tags, summary: 'The integration\'s latest deliveries (the last 50 are kept), newest first', params: idParams, querystring: pageQuerySchema, response: { 200: okEnvelope(listOf(notificationDeliverySchema)) } },
  }, async (request) => {
    const organizationId = requireActor(request).organizationId;
    if (!(await q.findIntegration(app.db, { organizationId, id: request.params.id }))) throw new NotFoundError('Integration');
    const { page, pageSize } = request.query;
    const { rows, total } = await q.listDeliveries(app.db, { integrationId: request.params.id, limit: pageSize, offset: offsetOf(request.query) });
    return ok(pageOf(rows.map(toDelivery), { page, pageSize, total }));
  });

  app.post('/:id/test', {
    schema: { tags, summary: 'Queue one test delivery; answers its id (it shows in the deliveries)', params: idParams, response: { 200: okEnvelope(testNotificationIntegrationResultSchema) } },
    config: { auth: 'agent' },
  }, async (request) => {
    const organizationId = requireActor(request).organizationId;
    const integration = await q.findIntegration(app.db, { organizationId, id: request.params.id });
    if (!integration) throw new NotFoundError('Integration');
    const payload = testPayload(integration.type, integration, { organizationName: await organizationName(app.db, organizationId) });
    const delivery = await q.insertDelivery(app.db, { organizationId, integrationId: integration.id, event: 'test', payload });
    await app.queue.send<IntegrationJob>(INTEGRATION_QUEUE, { deliveryId: delivery.id }, { singletonKey: delivery.id });
    return ok({ deliveryId: delivery.id });
  });
};

export default integrationRoutes;
