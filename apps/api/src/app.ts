import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { trustProxyOption, type Config } from './config.ts';
import type { Database } from './db/client.ts';
import { errSerializer } from './lib/log-serializers.ts';
import { ok } from './lib/route.ts';
import aiPlugin from './modules/ai/plugin.ts';
import { apiRoutes, rootRoutes } from './modules/index.ts';
import visitorSocketsPlugin from './modules/widget/visitor-sockets.ts';
import authPlugin from './plugins/app/auth.ts';
import configPlugin from './plugins/app/config.ts';
import cryptoPlugin from './plugins/app/crypto.ts';
import storagePlugin from './lib/storage/plugin.ts';
import dbPlugin from './plugins/app/db.ts';
import deliveryPlugin, { type DeliveryOptions } from './modules/channels/delivery/plugin.ts';
import errorHandler, { replyFrameworkError } from './plugins/app/error-handler.ts';
import eventBusPlugin from './plugins/app/event-bus/index.ts';
import eventsPlugin from './plugins/app/events.ts';
import inboxChangesPlugin from './plugins/app/inbox-changes.ts';
import outboundPlugin from './plugins/app/outbound.ts';
import presencePlugin from './plugins/app/presence.ts';
import storableInputPlugin from './plugins/app/storable-input.ts';
import systemMailPlugin from './plugins/app/system-mail.ts';
import queuePlugin, { type QueuePluginOptions } from './plugins/app/queue.ts';
import redisPlugin from './plugins/app/redis.ts';
import sessionCachePlugin from './plugins/app/session-cache.ts';
import routeErrorsPlugin from './plugins/app/route-errors.ts';
import cookiePlugin from './plugins/external/cookie.ts';
import helmetPlugin from './plugins/external/helmet.ts';
import rateLimitPlugin from './plugins/external/rate-limit.ts';
import staticPlugin from './plugins/external/static.ts';
import swaggerPlugin from './plugins/external/swagger.ts';
import websocketPlugin from './plugins/external/websocket.ts';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.passwordHash',
        '*.token',
        '*.credentials',
        'body.password',
      ],
      censor: '[redacted]',
    },
    serializers: { err: errSerializer },
  };
}

export interface BuildOptions {
  database: Database;
  logger?: FastifyServerOptions['logger'];
  /** Job queue and delivery retry tuning (tests shorten the delays). */
  jobs?: { queue?: QueuePluginOptions; delivery?: DeliveryOptions };
}

/** The whole server, ready to listen or to `inject`; the caller owns the database's lifetime. */
export async function buildApp(config: Config, opts: BuildOptions) {
  const app = Fastify({
    logger: opts.logger ?? loggerOptions(config),
    trustProxy: trustProxyOption(config.TRUST_PROXY),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    // Bad percent-encoding, over-long path parameters: the same envelope as every other error.
    frameworkErrors: replyFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(configPlugin, { config });
  await app.register(errorHandler);
  await app.register(storableInputPlugin);
  await app.register(helmetPlugin);
  await app.register(dbPlugin, { database: opts.database });
  await app.register(redisPlugin);
  await app.register(eventBusPlugin);
  await app.register(presencePlugin);
  await app.register(visitorSocketsPlugin);
  await app.register(queuePlugin, opts.jobs?.queue ?? {});
  await app.register(cookiePlugin);
  await app.register(rateLimitPlugin);
  await app.register(websocketPlugin);
  await app.register(sessionCachePlugin);
  await app.register(authPlugin);
  await app.register(cryptoPlugin);
  await app.register(outboundPlugin);
  await app.register(systemMailPlugin);
  await app.register(aiPlugin);
  await app.register(storagePlugin);
  await app.register(eventsPlugin);
  await app.register(inboxChangesPlugin);
  await app.register(deliveryPlugin, opts.jobs?.delivery ?? {});
  await app.register(swaggerPlugin);
  await app.register(routeErrorsPlugin);

  await app.register(async (api) => {
    await api.register(apiRoutes);
    if (config.BENCH_MODE) {
      api.get('/bench/hello', { config: { auth: 'public' }, schema: { hide: true } }, async () => ok({ hello: 'world' }));
    }
  }, { prefix: '/api' });

  await app.register(rootRoutes);
  await app.register(staticPlugin);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
