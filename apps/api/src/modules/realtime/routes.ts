import { domainEventTypes, isInternalEventType, realtimeQuerySchema } from '@helpstack/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { ForbiddenError, ValidationError } from '../../lib/errors.ts';
import { pushAgentTyping } from '../widget/service.ts';
import { RealtimeHub } from './hub.ts';
import { pruneEvents } from './queries.ts';
import { appendRealtimeEvent, EVENT_RETENTION_MS, fanOut } from './stream.ts';

const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * `GET /api/realtime`: the agent's WebSocket (CONTRACT §4). The auth hook refuses the upgrade request
 * itself (401 envelope, no 101) without a valid session, like any other route.
 */
const realtimeRoutes: FastifyPluginAsyncZod = async (app) => {
  const log = app.log.child({ module: 'realtime' });
  // The first subscriber of the domain events: each is numbered in its organization's sequence and kept
  // for replay (exactly once, with the receipt), then fanned out to every instance's sockets.
  app.events.subscribe('realtime', async (event, tx) => {
    const numbered = await appendRealtimeEvent(tx, event);
    return () => fanOut({ bus: app.bus, log }, numbered);
  }, { types: domainEventTypes.filter((type) => !isInternalEventType(type)), live: true });

  const hub = new RealtimeHub({
    db: app.db,
    bus: app.bus,
    presence: app.presence,
    signals: app.events,
    log,
    onAgentTyping: (organizationId, conversationId, typing) => pushAgentTyping(app, { organizationId, conversationId, typing }),
    revalidate: async (cookie) => {
      const auth = await app.sessions.fromCookieHeader(cookie);
      return auth && { organizationId: auth.organizationId, userId: auth.user.id, role: auth.role };
    },
  });
  app.addHook('onReady', async () => hub.start());

  // Every instance prunes; the delete is idempotent and cheap on the created_at index.
  let pruner: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    // Jitter keeps instances started together from pruning in lockstep.
    pruner = setInterval(() => {
      pruneEvents(app.db, { before: new Date(Date.now() - EVENT_RETENTION_MS) })
        .catch((err) => log.warn({ err }, 'pruning realtime events failed'));
    }, PRUNE_EVERY_MS + Math.floor(Math.random() * 60_000));
    pruner.unref();
  });
  app.addHook('onClose', async () => clearInterval(pruner));
  // preClose: presence "offline" events still need the database, which the process may close in onClose.
  app.addHook('preClose', async () => hub.stop());

  const allowedOrigins = new Set(app.config.APP_ORIGIN);
  /**
   * Browsers attach cookies to cross-site WebSocket handshakes and the same-origin policy does not
   * apply to WebSockets, so a foreign page could otherwise read the agent's stream (CSWSH).
   */
  const refuseForeignOrigin = async (request: FastifyRequest) => {
    const origin = request.headers.origin;
    if (!origin || allowedOrigins.has(origin) || origin === `${request.protocol}://${request.host}`) return;
    throw new ForbiddenError('Cross-site WebSocket connection refused');
  };

  app.route({
    method: 'GET',
    url: '/',
    config: { auth: 'member' },
    schema: { tags: ['realtime'], summary: 'Agent realtime stream (WebSocket upgrade)', querystring: realtimeQuerySchema },
    onRequest: refuseForeignOrigin,
    handler: async () => {
      throw new ValidationError('This endpoint only accepts WebSocket upgrade requests');
    },
    wsHandler: (socket, request) => {
      const actor = requireActor(request);
      const { since } = request.query as { since?: number };
      void hub.connect(socket, {
        organizationId: actor.organizationId,
        userId: actor.userId,
        role: actor.role,
        since,
        cookie: request.headers.cookie,
      });
    },
  });
};

export default realtimeRoutes;
