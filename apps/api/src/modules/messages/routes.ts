import { messageSchema, okEnvelope } from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { idParams, ok } from '../../lib/route.ts';
import { approve, retry } from '../inbox/replies.ts';

const tags = ['messages'];

// generate-reply and retranslate arrive with the AI work; translation.ts is their seam.
const messagesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/:id/approve', {
    schema: {
      tags,
      summary: 'Approve a reply waiting for approval and hand it to delivery (idempotent: an approved message is answered unchanged)',
      params: idParams,
      response: { 200: okEnvelope(messageSchema) },
    },
  }, async (request) => {
    const data = await approve(app, { organizationId: requireActor(request).organizationId, id: request.params.id });
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
