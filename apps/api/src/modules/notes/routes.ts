import { createNoteBodySchema, messageSchema, okEnvelope } from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { idParams, ok } from '../../lib/route.ts';
import { createNote } from './service.ts';

const tags = ['notes'];

/** /api/conversations/[id]/notes — private notes (CONTRACT §12), registered under /conversations. */
const notesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/:id/notes', {
    schema: {
      tags,
      summary: 'Write a private note (agents only; never sent to the customer). `@<name>` mentions members; `mentions` may list user ids too',
      params: idParams,
      body: createNoteBodySchema,
      response: { 201: okEnvelope(messageSchema) },
    },
    config: { auth: 'agent' },
  }, async (request, reply) => {
    const { organizationId, userId } = requireActor(request);
    const message = await createNote(app, { organizationId, userId, conversationId: request.params.id, content: request.body.content, mentions: request.body.mentions });
    return reply.code(201).send(ok(message));
  });
};

export default notesRoutes;
