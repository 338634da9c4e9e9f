import { messageSchema, okEnvelope } from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { approve, retry } from '../inbox/replies.ts';

const tags = ['messages'];
const params = z.object({ id: z.string().min(1).max(100) });

// generate-reply and retranslate arrive with the AI work; translation.ts is their seam.
const messagesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/:id/approve', {
    schema: {
      tags,
      summary: 'Approve a reply waiting for approval and hand it to delivery (idempotent: an approved message is answered unchanged)',
      params,
      response: { 200: okEnvelope(messageSchema) },
    },
  }, async (request) => {
    const data = await approve(app, { organizationId: request.auth!.organizationId, id: request.params.id });
    return { success: true as const, data };
  });

  app.post('/:id/retry', {
    schema: {
      tags,
      summary: 'Send a reply whose delivery failed again (409 unless its status is FAILED)',
      params,
      response: { 200: okEnvelope(messageSchema) },
    },
    config: { auth: 'agent' },
  }, async (request) => {
    const data = await retry(app, { organizationId: request.auth!.organizationId, id: request.params.id });
    return { success: true as const, data };
  });
};

export default messagesRoutes;
