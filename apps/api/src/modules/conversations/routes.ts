import {
  bulkActionBodySchema,
  bulkActionResultSchema,
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
import { requireActor } from '../../lib/actor.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { offsetOf, pageOf } from '../../lib/pagination.ts';
import { deletedSchema, idParams, ok, sendSerialized } from '../../lib/route.ts';
import conversationMessagesRoutes from '../messages/conversation-messages-routes.ts';
import { decodeCursor } from './cursor.ts';
import * as q from './queries.ts';
import { prefixQuery } from './search.ts';
import { toConversation } from './serializers.ts';
import { createPageCache, pageKey } from './page-cache.ts';
import { createConversation } from '../inbox/create-conversation.ts';
import * as service from './service.ts';
import { registerSnoozeWake } from './snooze.ts';

const tags = ['conversations'];

const conversationsRoutes: FastifyPluginAsyncZod = async (app) => {
  registerSnoozeWake(app, (job) => service.wakeSnoozed(app, job));
  const pages = createPageCache();

  app.get('/', {
    schema: {
      tags,
      summary: 'List conversations (newest activity first; with `search`, most relevant first)',
      querystring: conversationListQuerySchema,
      response: { 200: okEnvelope(listOf(conversationSchema)) },
    },
  }, async (request, reply) => {
    const { organizationId, userId } = requireActor(request);
    const query = request.query;
    const search = query.search ? prefixQuery(query.search) : null;
    const assignedToId = query.assignedToId === 'me' ? userId : query.assignedToId === 'none' ? null : query.assignedToId;
    // The page of the same query is the same for every member (no per-member fields): `me` is resolved first.
    const key = pageKey(organizationId, { ...query, assignedToId });
    // Every change committed before this request is heard before the version is read (page-cache.ts).
    const trusted = await app.inboxChanges.settled();
    const version = app.inboxChanges.version(organizationId);
    if (trusted && !request.headers['cache-control']?.includes('no-cache')) {
      const cached = pages.get(key, version);
      if (cached !== undefined) return sendSerialized(reply, cached);
    }
    const result = await q.listConversations(app.db, {
      organizationId,
      filters: {
        status: query.status === 'ALL' ? undefined : query.status,
        channelId: query.channelId,
        unread: query.unread,
        assignedToId,
        language: query.language,
        tagIds: query.tag,
        snoozed: query.snoozed,
        since: query.since ? new Date(query.since) : undefined,
        until: query.until ? new Date(query.until) : undefined,
      },
      query: search,
      limit: query.pageSize,
      offset: offsetOf(query),
      cursor: query.cursor ? decodeCursor(query.cursor, { ranked: Boolean(search) }) : undefined,
    });
    const payload = ok(pageOf(result.rows.map(toConversation), { ...query, total: result.total, totalIsEstimate: result.totalIsEstimate, nextCursor: result.nextCursor }));
    if (!trusted) return payload;
    const body = reply.serialize(payload) as string;
    pages.set(key, version, body);
    return sendSerialized(reply, body);
  });

  app.get('/counts', {
    schema: { tags, summary: 'Per status: how many conversations, how many unread, mine and unassigned (tab badges)', response: { 200: okEnvelope(conversationCountsSchema) } },
  }, async (request) => {
    const { organizationId, userId } = requireActor(request);
    const rows = await q.countConversations(app.db, { organizationId, userId: userId });
    const empty = { total: 0, unread: 0, mine: 0, unassigned: 0 };
    const data = Object.fromEntries(conversationStatuses.map((s) => {
      const row = rows.find((r) => r.status === s);
      return [s, row ? { total: row.total, unread: row.unread, mine: row.mine, unassigned: row.unassigned } : empty];
    })) as Record<(typeof conversationStatuses)[number], typeof empty>;
    return ok(data);
  });

  app.post('/', {
    schema: { tags, summary: 'Create a conversation', body: createConversationBodySchema, response: { 201: okEnvelope(conversationSchema) } },
    config: { auth: 'agent' },
  }, async (request, reply) => {
    const { organizationId, userId } = requireActor(request);
    const conversation = await createConversation(app, { organizationId, userId, body: request.body });
    return reply.code(201).send(ok(conversation));
  });

  app.post('/bulk-read', {
    schema: { tags, summary: 'Mark many conversations read', body: bulkReadBodySchema, response: { 200: okEnvelope(bulkReadResultSchema) } },
  }, async (request) => {
    const data = await service.bulkRead(app, { organizationId: requireActor(request).organizationId, ids: request.body.ids });
    return ok(data);
  });

  app.post('/bulk', {
    schema: {
      tags,
      summary: 'Apply one action (status, assign, tag, untag, priority) to many conversations, in one transaction',
      body: bulkActionBodySchema,
      response: { 200: okEnvelope(bulkActionResultSchema) },
    },
    config: { auth: 'agent' },
  }, async (request) => {
    const actor = requireActor(request);
    return ok(await service.bulkAction(app, { organizationId: actor.organizationId, body: request.body, actorId: actor.userId }));
  });

  app.get('/:id', {
    schema: { tags, summary: 'One conversation', params: idParams, response: { 200: okEnvelope(conversationSchema) } },
  }, async (request) => {
    const row = await q.findConversation(app.db, { organizationId: requireActor(request).organizationId, id: request.params.id });
    if (!row) throw new NotFoundError('Conversation');
    return ok(toConversation(row));
  });

  app.patch('/:id', {
    schema: { tags, summary: 'Update status, priority, assignment, language, notes, subject, tags (tagIds) or snooze (snoozedUntil)', params: idParams, body: updateConversationBodySchema, response: { 200: okEnvelope(conversationSchema) } },
  }, async (request) => {
    const actor = requireActor(request);
    const data = await service.updateConversation(app, { organizationId: actor.organizationId, id: request.params.id, body: request.body, actorId: actor.userId });
    return ok(data);
  });

  app.delete('/:id', {
    schema: { tags, summary: 'Delete a conversation and its messages', params: idParams, response: { 200: okEnvelope(deletedSchema) } },
  }, async (request) => {
    const data = await service.deleteConversation(app, { organizationId: requireActor(request).organizationId, id: request.params.id });
    return ok(data);
  });

  app.post('/:id/read', {
    schema: { tags, summary: 'Mark read', params: idParams, response: { 200: okEnvelope(conversationSchema) } },
  }, async (request) => {
    const data = await service.setReadState(app, { organizationId: requireActor(request).organizationId, id: request.params.id, read: true });
    return ok(data);
  });

  app.post('/:id/unread', {
    schema: { tags, summary: 'Mark unread', params: idParams, response: { 200: okEnvelope(conversationSchema) } },
  }, async (request) => {
    const data = await service.setReadState(app, { organizationId: requireActor(request).organizationId, id: request.params.id, read: false });
    return ok(data);
  });

  await app.register(conversationMessagesRoutes);
};

export default conversationsRoutes;
