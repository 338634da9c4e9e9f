import {
  createFaqBodySchema,
  faqSchema,
  generatedFaqsSchema,
  generateFaqsBodySchema,
  listFaqsQuerySchema,
  listOf,
  okEnvelope,
  reorderFaqsBodySchema,
  updateFaqBodySchema,
} from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../lib/actor.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { pageOf } from '../../lib/pagination.ts';
import { deletedSchema, errorResponses, idParams, ok } from '../../lib/route.ts';
import { generateFaqs } from '../ai-assist/faq-generation.ts';
import * as q from './queries.ts';
import { toFaq } from './serializers.ts';

const tags = ['faqs'];

/** A body may only point at a channel of the caller's organization. */
async function assertChannel(db: Db, organizationId: string, channelId: string | null | undefined) {
  if (channelId && !(await q.channelExists(db, { organizationId, channelId }))) {
    throw ValidationError.field('channelId', 'No such channel in your organization');
  }
}

const faqsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: { tags, summary: 'FAQs of a channel (or all of the organization), in display order', querystring: listFaqsQuerySchema, response: { 200: okEnvelope(listOf(faqSchema)) } },
  }, async (request) => {
    const rows = await q.listFaqs(app.db, { organizationId: requireActor(request).organizationId, channelId: request.query.channelId });
    return ok(pageOf(rows.map(toFaq), { page: 1, pageSize: Math.max(rows.length, 1), total: rows.length }));
  });

  app.post('/', {
    schema: { tags, summary: 'Create an FAQ (channelId null: every channel)', body: createFaqBodySchema, response: { 201: okEnvelope(faqSchema) } },
    config: { auth: 'admin' },
  }, async (request, reply) => {
    const organizationId = requireActor(request).organizationId;
    const channelId = request.body.channelId ?? null;
    await assertChannel(app.db, organizationId, channelId);
    const order = request.body.order ?? (await q.nextOrder(app.db, { organizationId, channelId }));
    const row = await q.insertFaq(app.db, { organizationId, channelId, question: request.body.question, answer: request.body.answer, order });
    return reply.code(201).send(ok(toFaq(row)));
  });

  app.patch('/:id', {
    schema: { tags, summary: 'Update an FAQ', params: idParams, body: updateFaqBodySchema, response: { 200: okEnvelope(faqSchema) } },
  }, async (request) => {
    const organizationId = requireActor(request).organizationId;
    await assertChannel(app.db, organizationId, request.body.channelId);
    const row = await q.updateFaq(app.db, { organizationId, id: request.params.id, patch: request.body });
    if (!row) throw new NotFoundError('FAQ');
    return ok(toFaq(row));
  });

  app.delete('/:id', {
    schema: { tags, summary: 'Delete an FAQ', params: idParams, response: { 200: okEnvelope(deletedSchema) } },
  }, async (request) => {
    const row = await q.deleteFaq(app.db, { organizationId: requireActor(request).organizationId, id: request.params.id });
    if (!row) throw new NotFoundError('FAQ');
    return ok(row);
  });

  app.post('/generate', {
    schema: {
      tags,
      summary: 'Propose FAQs from recently closed conversations (count 1–10, default 5); nothing is saved',
      body: generateFaqsBodySchema,
      response: { 200: okEnvelope(generatedFaqsSchema), ...errorResponses(402, 502) },
    },
    config: { auth: 'agent' },
  }, async (request) => {
    const organizationId = requireActor(request).organizationId;
    await assertChannel(app.db, organizationId, request.body.channelId);
    return ok(await generateFaqs(app, { organizationId, channelId: request.body.channelId, count: request.body.count }));
  });

  app.post('/reorder', {
    schema: { tags, summary: 'Set the display order: the body\'s id order becomes `order`', body: reorderFaqsBodySchema, response: { 200: okEnvelope(listOf(faqSchema)) } },
  }, async (request) => {
    const organizationId = requireActor(request).organizationId;
    const { ids } = request.body;
    const found = await q.findFaqsByIds(app.db, { organizationId, ids });
    if (found.length !== ids.length) throw ValidationError.field('ids', 'Every id must be an FAQ of your organization');
    if (new Set(found.map((f) => f.channelId)).size > 1) throw ValidationError.field('ids', 'All FAQs must belong to the same channel');
    await q.applyOrder(app.db, { organizationId, ids });
    const rows = await q.listFaqs(app.db, { organizationId, channelId: found[0]!.channelId ?? undefined });
    const items = found[0]!.channelId === null ? rows.filter((r) => r.channelId === null) : rows;
    return ok(pageOf(items.map(toFaq), { page: 1, pageSize: Math.max(items.length, 1), total: items.length }));
  });
};

export default faqsRoutes;
