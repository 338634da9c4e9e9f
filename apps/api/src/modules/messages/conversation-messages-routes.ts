import { listOf, messageListQuerySchema, messageSchema, okEnvelope, sendMessageBodySchema } from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { offsetOf, pageOf } from '../../lib/pagination.ts';
import { idParams, ok } from '../../lib/route.ts';
import { decodeCursor } from '../conversations/cursor.ts';
import { findConversation } from '../conversations/queries.ts';
import { listMessages } from './queries.ts';
import { toMessage } from './serializers.ts';
import { sendAgentMessage } from '../inbox/replies.ts';

const tags = ['messages'];

/** /api/conversations/[id]/messages — registered by the conversations plugin. */
const conversationMessagesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/:id/messages', {
    schema: {
      tags,
      summary: 'Messages of a conversation, oldest→newest; `cursor` pages toward older messages',
      params: idParams,
      querystring: messageListQuerySchema,
      response: { 200: okEnvelope(listOf(messageSchema)) },
    },
  }, async (request) => {
    const organizationId = requireActor(request).organizationId;
    const query = request.query;
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (!(await findConversation(app.db, { organizationId, id: request.params.id }))) throw new NotFoundError('Conversation');
    const result = await listMessages(app.db, { organizationId, conversationId: request.params.id, limit: query.pageSize, offset: offsetOf(query), cursor });
    return ok(pageOf(result.rows.map(toMessage), { ...query, total: result.total, nextCursor: result.nextCursor }));
  });

  app.post('/:id/messages', {
    schema: { tags, summary: 'Send an agent reply', params: idParams, body: sendMessageBodySchema, response: { 201: okEnvelope(messageSchema) } },
    config: { auth: 'agent' },
  }, async (request, reply) => {
    const { organizationId, userId } = requireActor(request);
    if (request.body.conversationId !== request.params.id) {
      throw ValidationError.field('conversationId', 'Must equal the conversation id in the path');
    }
    const message = await sendAgentMessage(app, {
      organizationId,
      userId: userId,
      conversationId: request.params.id,
      content: request.body.content,
      attachments: request.body.attachments,
    });
    return reply.code(201).send(ok(message));
  });
};

export default conversationMessagesRoutes;
