import { generatedReplySchema, generateReplyBodySchema, messageSchema, okEnvelope, retranslateBodySchema } from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { errorResponses, idParams, ok } from '../../lib/route.ts';
import { generateReply } from '../ai-assist/suggest.ts';
import { retranslate } from '../ai-assist/translate.ts';
import { approve, retry } from '../inbox/replies.ts';

const tags = ['messages'];

const messagesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/:id/approve', {
    schema: {
      tags,
      summary: 'Approve a reply waiting for approval and hand it to delivery (idempotent: an approved message is answered unchanged; 409 while it is being translated)',
      params: idParams,
      response: { 200: okEnvelope(messageSchema), ...errorResponses(409) },
    },
  }, async (request) => {
    const data = await approve(app, { organizationId: requireActor(request).organizationId, id: request.params.id });
    return ok(data);
  });

  app.post('/:id/generate-reply', {
    schema: {
      tags,
      summary: 'Suggest a reply to the conversation up to this message (nothing is stored)',
      params: idParams,
      body: generateReplyBodySchema.optional(),
      response: { 200: okEnvelope(generatedReplySchema), ...errorResponses(402, 502) },
    },
    config: { auth: 'agent' },
  }, async (request) => {
    const data = await generateReply(app, { organizationId: requireActor(request).organizationId, id: request.params.id, instructions: request.body?.instructions });
    return ok(data);
  });

  app.post('/:id/retranslate', {
    schema: {
      tags,
      summary: 'Translate a message again now: inbound into the agent language, an unsent reply into the customer language (409 once sent)',
      params: idParams,
      body: retranslateBodySchema.optional(),
      response: { 200: okEnvelope(messageSchema), ...errorResponses(402, 409, 502) },
    },
    config: { auth: 'agent' },
  }, async (request) => {
    const data = await retranslate(app, { organizationId: requireActor(request).organizationId, id: request.params.id, targetLanguage: request.body?.targetLanguage });
    return ok(data);
  });

  app.post('/:id/retry', {
    schema: {
      tags,
      summary: 'Send a reply whose delivery failed again (409 unless its status is FAILED)',
      params: idParams,
      response: { 200: okEnvelope(messageSchema) },
    },
    config: { auth: 'agent' },
  }, async (request) => {
    const data = await retry(app, { organizationId: requireActor(request).organizationId, id: request.params.id });
    return ok(data);
  });
};

export default messagesRoutes;
