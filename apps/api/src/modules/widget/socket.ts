import { visitorClientFrameSchema, visitorIdSchema, type VisitorServerFrame } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { AppError } from '../../lib/errors.ts';
import { unstorablePaths } from '../../lib/storable-text.ts';
import { isLimited, type Limiter } from '../../plugins/external/rate-limit.ts';
import { HISTORY_LIMIT, findVisitorConversation, listVisitorMessages, type WidgetChannel } from './queries.ts';
import { serializeMessage } from '../messages/serializers.ts';
import { postVisitorMessage } from './service.ts';
import { markSeenByVisitor } from './read-receipts.ts';

const MAX_FRAME_BYTES = 16 * 1024;
const params = z.object({ channelId: z.string().min(1).max(100) });

/**
 * `GET /api/widget/[channelId]/ws?visitorId=…`: one visitor's socket. It opens with `ready` (the
 * history, so a reload restores it), then carries the visitor's messages (each acknowledged with the
 * stored message: exactly once by clientMessageId) and agents' replies pushed by delivery.
 */
export function registerVisitorSocket(
  app: FastifyInstance,
  // The budgets of POST /api/widget/message (per visitor and per IP): the socket is no way around them.
  deps: { channelOr404(id: string): Promise<WidgetChannel>; messagesPerVisitor: Limiter; messagesPerIp: Limiter },
) {
  app.route({
    method: 'GET',
    url: '/:channelId/ws',
    config: { auth: 'public' },
    schema: { tags: ['widget'], summary: 'Visitor WebSocket (upgrade): history, messages, typing', params, querystring: z.object({ visitorId: visitorIdSchema }) },
    // Validate before the upgrade so a bad channel or visitor id gets a plain 4xx envelope.
    preHandler: async (request) => {
      await deps.channelOr404((request.params as { channelId: string }).channelId);
    },
    handler: async (_request, reply) => reply.code(400).send({ success: false, error: { message: 'This endpoint only accepts WebSocket upgrade requests', code: 'VALIDATION_ERROR' } }),
    wsHandler: async (socket: WebSocket, request) => {
      const { channelId } = request.params as { channelId: string };
      const { visitorId } = request.query as { visitorId: string };
      const send = (frame: VisitorServerFrame) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
      };
      // Frames that arrive while `ready` is being prepared wait, so the visitor never acts before it.
      const early: string[] = [];
      let handle: ((raw: string) => void) | undefined;
      socket.on('message', (data, isBinary) => {
        const raw = isBinary ? '' : String(data);
        if (raw.length > MAX_FRAME_BYTES) return send({ type: 'error', data: { message: 'Frame too large', code: 'PAYLOAD_TOO_LARGE' } });
        if (handle) handle(raw);
        else early.push(raw);
      });

      let channel: WidgetChannel;
      // Known after `ready` or the first message; typing frames then need no query.
      let conversationId: string | null = null;
      try {
        channel = await deps.channelOr404(channelId);
        const detach = app.visitorSockets.attach(channel.id, visitorId, socket);
        socket.once('close', detach);
        const conversation = await findVisitorConversation(app.db, { organizationId: channel.organizationId, channelId, visitorId });
        conversationId = conversation?.id ?? null;
        const rows = conversation ? await listVisitorMessages(app.db, { organizationId: channel.organizationId, conversationId: conversation.id, limit: HISTORY_LIMIT }) : [];
        send({ type: 'ready', data: { conversationId: conversation?.id ?? null, messages: rows.map((m) => serializeMessage(m, { kind: 'visitor', channelId, visitorId })) } });
      } catch (err) {
        request.log.warn({ err }, 'visitor socket could not start');
        send({ type: 'error', data: { message: 'Chat unavailable', code: 'INTERNAL_ERROR' } });
        socket.close(1011);
        return;
      }

      handle = (raw) => void onFrame(raw).catch((err) => request.log.error({ err }, 'visitor frame failed'));
      for (const raw of early.splice(0)) handle(raw);

      async function onFrame(raw: string) {
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch {
          return send({ type: 'error', data: { message: 'Frames are JSON', code: 'VALIDATION_ERROR' } });
        }
        const parsed = visitorClientFrameSchema.safeParse(json);
        // The same refusal as the HTTP routes' guard (plugins/app/storable-input.ts): frames skip it.
        if (parsed.success && unstorablePaths(parsed.data).length) {
          const clientMessageId = parsed.data.type === 'message' ? parsed.data.data.clientMessageId : undefined;
          return send({ type: 'error', data: { message: 'Text cannot contain NUL characters or unpaired UTF-16 surrogates', code: 'VALIDATION_ERROR', clientMessageId } });
        }
        if (!parsed.success) return send({ type: 'error', data: { message: 'Unknown or invalid frame', code: 'VALIDATION_ERROR' } });
        const frame = parsed.data;
        if (frame.type === 'ping') return send({ type: 'pong', data: {} });
        if (frame.type === 'typing') {
          conversationId ??= (await findVisitorConversation(app.db, { organizationId: channel.organizationId, channelId, visitorId }))?.id ?? null;
          if (conversationId) {
            await app.events.signal(channel.organizationId, { type: 'typing', data: { conversationId, visitor: true, typing: frame.data.typing } })
              .catch((err) => app.log.warn({ err }, 'visitor typing fan-out failed'));
          }
          return;
        }
        if (frame.type === 'read') {
          await markSeenByVisitor(app, channel, { visitorId, messageId: frame.data.messageId }).catch((err) => {
            if (!(err instanceof AppError)) request.log.warn({ err }, 'visitor read receipt failed');
          });
          return;
        }
        const { clientMessageId } = frame.data;
        if ((await isLimited(deps.messagesPerVisitor, request)) || (await isLimited(deps.messagesPerIp, request))) {
          return send({ type: 'error', data: { message: 'Too many messages, slow down', code: 'RATE_LIMITED', clientMessageId } });
        }
        try {
          const result = await postVisitorMessage(app, channel, { visitorId, ...frame.data });
          conversationId = result.conversationId;
          send({ type: 'ack', data: { clientMessageId, message: result.message } });
        } catch (err) {
          const known = err instanceof AppError;
          if (!known) request.log.error({ err }, 'visitor message failed');
          send({ type: 'error', data: { message: known ? err.message : 'An unexpected error occurred', code: known ? err.code : 'INTERNAL_ERROR', clientMessageId } });
        }
      }
    },
  });
}
