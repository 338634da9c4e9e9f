import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import {
  okEnvelope,
  visitorIdSchema,
  widgetConfigResponseSchema,
  widgetConversationResponseSchema,
  widgetEmailBodySchema,
  widgetEmailResponseSchema,
  widgetIdentifyBodySchema,
  widgetIdentifyResponseSchema,
  widgetReadBodySchema,
  widgetReadResponseSchema,
  widgetFaqsResponseSchema,
  widgetMessageBodySchema,
  widgetMessageResponseSchema,
  widgetStatusResponseSchema,
  widgetUploadResponseSchema,
} from '@helpstack/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { errorResponses, ok } from '../../lib/route.ts';
import { ipKey, limitHook, perMinutes } from '../../plugins/external/rate-limit.ts';
import { resolveWidgetConfig } from '../channels/serializers.ts';
import { listWidgetFaqs } from '../faqs/queries.ts';
import { sendStoredFile } from '../media/download.ts';
import { toMediaUpload, visitorUploadLimit } from './upload.ts';
import { isWithinBusinessHours } from './business-hours.ts';
import { HISTORY_LIMIT, findVisitorConversation, findVisitorMedia, findWidgetChannel, listVisitorMessages } from './queries.ts';
import { serializeMessage } from '../messages/serializers.ts';
import { captureOfflineEmail, postVisitorMessage } from './service.ts';
import { identifyVisitor } from './identify.ts';
import { registerOfflineMail } from './offline-mail.ts';
import { markSeenByVisitor } from './read-receipts.ts';
import { registerVisitorSocket } from './socket.ts';

const tags = ['widget'];
const channelParams = z.object({ channelId: z.string().min(1).max(100) });
const visitorQuery = z.object({ visitorId: visitorIdSchema });

/**
 * The public widget API (CONTRACT §4–5): no session, any origin, rate-limited. A channel id that is
 * not a WEBSITE_CHAT channel is a 404; a visitor only ever reaches its own conversation.
 */
const widgetRoutes: FastifyPluginAsyncZod = async (app) => {
  const perMinute = (max: number) => perMinutes(app.config.RATE_LIMIT_FACTOR, max);
  const visitorKey = (req: FastifyRequest) => {
    const q = req.query as { visitorId?: unknown } | undefined;
    const b = req.body as { visitorId?: unknown } | undefined;
    return `widget-visitor:${String(b?.visitorId ?? q?.visitorId ?? req.ip)}`;
  };
  const perVisitor = (max: number) => ({ ...perMinute(max), hook: 'preHandler' as const, keyGenerator: visitorKey });
  // Messages have one budget per visitor and one per IP (visitorIds are free to invent), each shared by
  // HTTP and the socket; the per-IP one is checked before the body is read.
  const messagesPerVisitor = app.createRateLimit({ ...perMinute(20), keyGenerator: visitorKey });
  const messagesPerIp = app.createRateLimit({ ...perMinute(60), keyGenerator: ipKey('widget-ip') });
  const uploadsPerIp = app.createRateLimit({ ...perMinute(30), keyGenerator: ipKey('widget-upload-ip') });

  // Any website may embed the widget; it sends no cookies, so `*` exposes nothing.
  await app.register(cors, { origin: '*', methods: ['GET', 'POST', 'OPTIONS'], allowedHeaders: ['content-type'], exposedHeaders: ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-request-id'], maxAge: 600 });
  await app.register(multipart, { limits: { fileSize: visitorUploadLimit(app.config.MEDIA_MAX_BYTES), files: 1, fields: 5 } });

  async function channelOr404(channelId: string) {
    const channel = await findWidgetChannel(app.db, channelId);
    if (!channel) throw new NotFoundError('Chat channel');
    return channel;
  }

  app.get('/:channelId/config', {
    schema: { tags, summary: 'Appearance, greeting and language of a chat channel', params: channelParams, response: { 200: okEnvelope(widgetConfigResponseSchema) } },
    config: { auth: 'public', rateLimit: perMinute(30) },
  }, async (request) => {
    const channel = await channelOr404(request.params.channelId);
    const c = resolveWidgetConfig(channel);
    return ok({ channelId: channel.id, name: channel.name, appearance: { color: c.color, position: c.position, launcherText: c.launcherText }, greeting: c.greeting, language: c.language });
  });

  app.get('/:channelId/faqs', {
    schema: { tags, summary: 'Up to 5 FAQ chips', params: channelParams, response: { 200: okEnvelope(widgetFaqsResponseSchema) } },
    config: { auth: 'public', rateLimit: perMinute(30) },
  }, async (request) => {
    const channel = await channelOr404(request.params.channelId);
    const items = await listWidgetFaqs(app.db, { organizationId: channel.organizationId, channelId: channel.id, limit: 5 });
    return ok({ items });
  });

  app.get('/:channelId/status', {
    schema: { tags, summary: 'Whether an agent is online (a live dashboard socket), and business hours', params: channelParams, response: { 200: okEnvelope(widgetStatusResponseSchema) } },
    config: { auth: 'public', rateLimit: perMinute(60) },
  }, async (request) => {
    const channel = await channelOr404(request.params.channelId);
    const hours = resolveWidgetConfig(channel).businessHours;
    const agents = await app.presence.onlineUserIds(channel.organizationId);
    return ok({ online: agents.length > 0, withinBusinessHours: hours ? isWithinBusinessHours(hours) : null });
  });

  app.get('/:channelId/conversation', {
    schema: { tags, summary: 'The visitor\'s conversation and its latest messages (history and poll fallback)', params: channelParams, querystring: visitorQuery, response: { 200: okEnvelope(widgetConversationResponseSchema) } },
    config: { auth: 'public', rateLimit: perVisitor(60) },
  }, async (request) => {
    const channel = await channelOr404(request.params.channelId);
    const { visitorId } = request.query;
    const conversation = await findVisitorConversation(app.db, { organizationId: channel.organizationId, channelId: channel.id, visitorId });
    const rows = conversation ? await listVisitorMessages(app.db, { organizationId: channel.organizationId, conversationId: conversation.id, limit: HISTORY_LIMIT }) : [];
    return ok({ conversationId: conversation?.id ?? null, messages: rows.map((m) => serializeMessage(m, { kind: 'visitor', channelId: channel.id, visitorId })) });
  });

  app.post('/message', {
    schema: { tags, summary: 'Send a visitor message (the WebSocket\'s HTTP fallback); creates the customer and conversation on first use', body: widgetMessageBodySchema, response: { 200: okEnvelope(widgetMessageResponseSchema), 201: okEnvelope(widgetMessageResponseSchema) } },
    config: { auth: 'public' },
    onRequest: limitHook(messagesPerIp),
    preHandler: limitHook(messagesPerVisitor),
  }, async (request, reply) => {
    const { channelId, ...input } = request.body;
    const channel = await channelOr404(channelId);
    const result = await postVisitorMessage(app, channel, input);
    // A retry of an already stored message (same clientMessageId) answers the original, not a new one.
    return reply.code(result.created ? 201 : 200).send(ok({ conversationId: result.conversationId, message: result.message }));
  });

  app.post('/:channelId/upload', {
    schema: { tags, summary: 'Upload a file to attach to the visitor\'s next message (multipart: visitorId, then file)', params: channelParams, querystring: visitorQuery.partial(), consumes: ['multipart/form-data'], response: { 201: okEnvelope(widgetUploadResponseSchema) } },
    config: { auth: 'public', rateLimit: perVisitor(10) },
    onRequest: limitHook(uploadsPerIp),
  }, async (request, reply) => {
    const channel = await channelOr404(request.params.channelId);
    const part = await request.file();
    if (!part || part.fieldname !== 'file') {
      part?.file.resume();
      throw ValidationError.field('file', 'Send the file in the multipart field "file"');
    }
    const field = part.fields.visitorId as { value?: unknown } | undefined;
    const visitor = visitorIdSchema.safeParse(request.query.visitorId ?? field?.value);
    if (!visitor.success) {
      part.file.resume();
      throw ValidationError.field('visitorId', 'Send the visitorId (a field before the file, or ?visitorId=)');
    }
    const row = await toMediaUpload(app, { organizationId: channel.organizationId, visitorId: visitor.data, part });
    return reply.code(201).send(ok({ ...row, url: `/api/widget/${channel.id}/media/${row.id}?visitorId=${encodeURIComponent(visitor.data)}` }));
  });

  app.get('/:channelId/media/:id', {
    schema: { tags, summary: 'Download a file of the visitor\'s own conversation', params: channelParams.extend({ id: z.string().min(1).max(100) }), querystring: visitorQuery },
    config: { auth: 'public', rateLimit: perVisitor(60) },
  }, async (request, reply) => {
    const channel = await channelOr404(request.params.channelId);
    const { visitorId } = request.query;
    const conversation = await findVisitorConversation(app.db, { organizationId: channel.organizationId, channelId: channel.id, visitorId });
    const row = await findVisitorMedia(app.db, { organizationId: channel.organizationId, id: request.params.id, visitorId, conversationId: conversation?.id ?? null });
    if (!row) throw new NotFoundError('File');
    return sendStoredFile(reply, app.storage, row, { what: 'File', embeddable: true });
  });

  app.post('/:channelId/identify', {
    schema: {
      tags,
      summary: 'HelpStack(\'identify\'): name the visitor; a valid userHash (HMAC-SHA256 of userId) links them to the known customer',
      description: 'A wrong userHash, or none when the channel has identityVerification, answers 403 and changes nothing (the chat stays anonymous).',
      params: channelParams,
      body: widgetIdentifyBodySchema,
      response: { 200: okEnvelope(widgetIdentifyResponseSchema), ...errorResponses(403) },
    },
    config: { auth: 'public', rateLimit: perVisitor(10) },
    onRequest: limitHook(messagesPerIp),
  }, async (request) => {
    const channel = await channelOr404(request.params.channelId);
    return ok(await identifyVisitor(app, channel, request.body));
  });

  app.post('/:channelId/email', {
    schema: { tags, summary: 'The e-mail address a visitor leaves when no agent is online (a later reply is e-mailed there)', params: channelParams, body: widgetEmailBodySchema, response: { 200: okEnvelope(widgetEmailResponseSchema) } },
    config: { auth: 'public', rateLimit: perVisitor(10) },
    onRequest: limitHook(messagesPerIp),
  }, async (request) => {
    const channel = await channelOr404(request.params.channelId);
    return ok(await captureOfflineEmail(app, channel, request.body));
  });

  app.post('/:channelId/read', {
    schema: { tags, summary: 'The visitor has seen the chat up to a message: agent replies up to it become READ (the socket\'s `read` frame over HTTP)', params: channelParams, body: widgetReadBodySchema, response: { 200: okEnvelope(widgetReadResponseSchema) } },
    config: { auth: 'public', rateLimit: perVisitor(60) },
  }, async (request) => {
    const channel = await channelOr404(request.params.channelId);
    return ok({ read: await markSeenByVisitor(app, channel, request.body) });
  });

  registerOfflineMail(app);
  registerVisitorSocket(app, { channelOr404, messagesPerVisitor, messagesPerIp });
};

export default widgetRoutes;
