import {
  aiProviderSchema,
  aiProviderTestResultSchema,
  createAiProviderBodySchema,
  listOf,
  okEnvelope,
  updateAiProviderBodySchema,
} from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { pageOf } from '../../lib/pagination.ts';
import { deletedSchema, errorResponses, idParams, ok } from '../../lib/route.ts';
import * as q from './queries.ts';
import { toAiProvider } from './serializers.ts';
import { createProvider, deleteProvider, updateProvider } from './service.ts';

const tags = ['ai-providers'];

/** CONTRACT §8.1: Session reads (VIEWER too), AGENT and ADMIN write. */
const aiProvidersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: { tags, summary: 'The organization\'s AI providers (keys never shown)', response: { 200: okEnvelope(listOf(aiProviderSchema)) } },
  }, async (request) => {
    const rows = await q.listProviders(app.db, { organizationId: requireActor(request).organizationId });
    return ok(pageOf(rows.map(toAiProvider), { page: 1, pageSize: Math.max(rows.length, 1), total: rows.length }));
  });

  app.get('/:id', {
    schema: { tags, summary: 'One AI provider', params: idParams, response: { 200: okEnvelope(aiProviderSchema) } },
  }, async (request) => {
    const row = await q.findProvider(app.db, { organizationId: requireActor(request).organizationId, id: request.params.id });
    if (!row) throw new NotFoundError('AI provider');
    return ok(toAiProvider(row));
  });

  app.post('/', {
    schema: { tags, summary: 'Add a provider (the first becomes the default; `isDefault: true` moves it)', body: createAiProviderBodySchema, response: { 201: okEnvelope(aiProviderSchema) } },
    config: { auth: 'agent' },
  }, async (request, reply) => {
    const organizationId = requireActor(request).organizationId;
    const row = await createProvider(app, organizationId, request.body);
    await app.sessionCache.invalidate({ organizationId }); // the session carries defaultAiProviderId
    return reply.code(201).send(ok(toAiProvider(row)));
  });

  app.patch('/:id', {
    schema: { tags, summary: 'Update a provider (partial; `apiKey` replaces the stored key)', params: idParams, body: updateAiProviderBodySchema, response: { 200: okEnvelope(aiProviderSchema) } },
    config: { auth: 'agent' },
  }, async (request) => {
    const organizationId = requireActor(request).organizationId;
    const row = await updateProvider(app, organizationId, request.params.id, request.body);
    if (request.body.isDefault !== undefined) await app.sessionCache.invalidate({ organizationId });
    return ok(toAiProvider(row));
  });

  app.delete('/:id', {
    schema: { tags, summary: 'Remove a provider; channels using it fall back to the default', params: idParams, response: { 200: okEnvelope(deletedSchema) } },
    config: { auth: 'agent' },
  }, async (request) => {
    const organizationId = requireActor(request).organizationId;
    const deleted = await deleteProvider(app, organizationId, request.params.id);
    await app.sessionCache.invalidate({ organizationId });
    return ok(deleted);
  });

  app.post('/:id/test', {
    schema: {
      tags,
      summary: 'Make one tiny call through the provider (costs plan tokens like any call)',
      params: idParams,
      response: { 200: okEnvelope(aiProviderTestResultSchema), ...errorResponses(402, 502) },
    },
    config: { auth: 'agent' },
  }, async (request) => {
    const result = await app.ai.generateText({
      organizationId: requireActor(request).organizationId,
      providerId: request.params.id,
      feature: 'PROVIDER_TEST',
      system: 'You are a connectivity check. Answer with the single word: ok',
      messages: [{ role: 'user', content: 'ping' }],
      maxOutputTokens: 16,
    });
    return ok({ ok: true as const, model: result.provider.model, latencyMs: result.latencyMs });
  });
};

export default aiProvidersRoutes;
