import {
  bulkReadBodySchema,
  bulkReadResultSchema,
  conversationCountsSchema,
  conversationListQuerySchema,
  conversationStatuses,
  conversationSchema,
  createConversationBodySchema,
  listOf,
  okEnvelope,
  updateConversationBodySchema,
} from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../lib/errors.ts';
import { offsetOf, pageOf } from '../../lib/pagination.ts';
import conversationMessagesRoutes from '../messages/conversation-messages-routes.ts';
import { decodeCursor } from './cursor.ts';
import * as q from './queries.ts';
import { prefixQuery } from './search.ts';
import { toConversation } from './serializers.ts';
import { createConversation } from '../inbox/create-conversation.ts';
import * as service from './service.ts';

const tags = ['conversations'];
const params = z.object({ id: z.string().min(1).max(100) });
const idSchema = z.object({ id: z.string() });

const conversationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: {
      tags,
      summary: 'List conversations (newest activity first; with `search`, most relevant first)',
      querystring: conversationListQuerySchema,
      response: { 200: okEnvelope(listOf(conversationSchema)) },
    },
  }, async (request) => {
    const { organizationId, user } = request.auth!;
    const query = request.query;
    const search = query.search ? prefixQuery(query.search) : null;
    const assignedToId = query.assignedToId === 'me' ? user.id : query.assignedToId === 'none' ? null : query.assignedToId;
    const result = await q.listConversations(app.db, {
      organizationId,
      filters: { status: query.status, channelId: query.channelId, unread: query.unread, assignedToId, language: query.language },
      query: search,
      limit: query.pageSize,
      offset: offsetOf(query),
      cursor: query.cursor ? decodeCursor(query.cursor, { ranked: Boolean(search) }) : undefined,
    });
    return { success: true as const, data: pageOf(result.rows.map(toConversation), { ...query, total: result.total, nextCursor: result.nextCursor }) };
  });

  app.get('/counts', {
    schema: { tags, summary: 'Per status: how many conversations, how many unread, mine and unassigned (tab badges)', response: { 200: okEnvelope(conversationCountsSchema) } },
  }, async (request) => {
    const { organizationId, user } = request.auth!;
    const rows = await q.countConversations(app.db, { organizationId, userId: user.id });
    const empty = { total: 0, unread: 0, mine: 0, unassigned: 0 };
    const data = Object.fromEntries(conversationStatuses.map((s) => {
      const row = rows.find((r) => r.status === s);
      return [s, row ? { total: row.total, unread: row.unread, mine: row.mine, unassigned: row.unassigned } : empty];
    })) as Record<(typeof conversationStatuses)[number], typeof empty>;
    return { success: true as const, data };
  });

  app.post('/', {
    schema: { tags, summary: 'Create a conversation', body: createConversationBodySchema, response: { 201: okEnvelope(conversationSchema) } },
    config: { auth: 'agent' },
  }, async (request, reply) => {
    const { organizationId, user } = request.auth!;
    const conversation = await createConversation(app, { organizationId, userId: user.id, body: request.body });
    return reply.code(201).send({ success: true as const, data: conversation });
  });

  app.post('/bulk-read', {
    schema: { tags, summary: 'Mark many conversations read', body: bulkReadBodySchema, response: { 200: okEnvelope(bulkReadResultSchema) } },
  }, async (request) => {
    const data = await service.bulkRead(app, { organizationId: request.auth!.organizationId, ids: request.body.ids });
    return { success: true as const, data };
  });

  app.get('/:id', {
    schema: { tags, summary: 'One conversation', params, response: { 200: okEnvelope(conversationSchema) } },
  }, async (request) => {
    const row = await q.findConversation(app.db, { organizationId: request.auth!.organizationId, id: request.params.id });
    if (!row) throw new NotFoundError('Conversation');
    return { success: true as const, data: toConversation(row) };
  });

  app.patch('/:id', {
    schema: { tags, summary: 'Update status, priority, assignment, language, notes or subject', params, body: updateConversationBodySchema, response: { 200: okEnvelope(conversationSchema) } },
  }, async (request) => {
    const data = await service.updateConversation(app, { organizationId: request.auth!.organizationId, id: request.params.id, body: request.body });
    return { success: true as const, data };
  });

  app.delete('/:id', {
    schema: { tags, summary: 'Delete a conversation and its messages', params, response: { 200: okEnvelope(idSchema) } },
  }, async (request) => {
    const data = await service.deleteConversation(app, { organizationId: request.auth!.organizationId, id: request.params.id });
    return { success: true as const, data };
  });

  app.post('/:id/read', {
    schema: { tags, summary: 'Mark read', params, response: { 200: okEnvelope(conversationSchema) } },
  }, async (request) => {
    const data = await service.setReadState(app, { organizationId: request.auth!.organizationId, id: request.params.id, read: true });
    return { success: true as const, data };
  });

  app.post('/:id/unread', {
    schema: { tags, summary: 'Mark unread', params, response: { 200: okEnvelope(conversationSchema) } },
  }, async (request) => {
    const data = await service.setReadState(app, { organizationId: request.auth!.organizationId, id: request.params.id, read: false });
    return { success: true as const, data };
  });

  await app.register(conversationMessagesRoutes);
};

export default conversationsRoutes;
