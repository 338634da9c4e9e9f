import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../../../../lib/errors.ts';
import { ok } from '../../../../lib/route.ts';
import type { ProviderInbound } from '../types.ts';
import { isVerifyToken, META_QUEUE, processMetaDelivery, type MetaJob } from './inbound.ts';
import { splitDelivery, type MetaProvider } from './payload.ts';
import { routeDelivery } from './routing.ts';

const tags = ['webhooks'];
const MAX_BODY = 1024 * 1024;

const verifyQuery = z.object({
  'hub.mode': z.string().max(64).optional(),
  'hub.verify_token': z.string().max(512).optional(),
  'hub.challenge': z.string().max(512).optional(),
});

/** One queue for the three Meta providers: a job names its provider. */
const metaQueue: NonNullable<ProviderInbound['queue']> = {
  name: META_QUEUE,
  define: (app) => app.queue.define<MetaJob>({
    name: META_QUEUE,
    options: { retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds: 300 },
    worker: {
      options: { batchSize: 20, localConcurrency: 2 },
      handler: async (jobs) => {
        // Echoes held back for a reply mid-send are retried with the job; its last try records them regardless.
        for (const job of jobs) await processMetaDelivery(app, job.data, { deferEchoes: job.retryCount < job.retryLimit });
      },
    },
  }),
};

/**
 * Meta's webhooks for one provider (CONTRACT §6), mounted at /api/webhooks/<provider>: a verify
 * handshake, and signed deliveries acknowledged at once and processed durably through the job queue,
 * de-duplicated by the provider's message id. Routing is decided here, where the raw bytes the signature
 * covers are (CONTRACT §10 "Inbound routing").
 */
export function metaInbound(provider: MetaProvider): ProviderInbound {
  const routes: FastifyPluginAsyncZod = async (app) => {
    // The signature covers the exact bytes, so this plugin keeps JSON bodies raw and parses them itself.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: MAX_BODY }, (_req, body, done) => done(null, body));

    app.get('/', {
      schema: { tags, summary: `Meta verify handshake (${provider}): echoes hub.challenge for the right verify token`, querystring: verifyQuery },
      config: { auth: 'public', rateLimit: { max: 60, timeWindow: 60_000 } },
    }, async (request, reply) => {
      const q = request.query;
      const token = q['hub.verify_token'];
      if (q['hub.mode'] !== 'subscribe' || !token || !(await isVerifyToken(app, provider, token))) {
        throw new ForbiddenError('Verification failed');
      }
      return reply.type('text/plain; charset=utf-8').send(q['hub.challenge'] ?? '');
    });

    app.post('/', {
      schema: { tags, summary: `Receive ${provider} events (X-Hub-Signature-256 required)` },
      config: { auth: 'public' },
    }, async (request, reply) => {
      const raw = request.body;
      if (!Buffer.isBuffer(raw)) throw new UnauthorizedError('Missing or invalid X-Hub-Signature-256');
      const header = request.headers['x-hub-signature-256'];
      if (typeof header !== 'string') throw new UnauthorizedError('Missing or invalid X-Hub-Signature-256');
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = undefined;
      }
      const { authentic, routed } = await routeDelivery(app, { provider, raw, signature: header, entries: splitDelivery(provider, body) });
      if (!authentic) throw new UnauthorizedError('Missing or invalid X-Hub-Signature-256');
      if (body === undefined) throw new ValidationError('Malformed JSON body');
      if (routed.length > 0) await app.queue.send(META_QUEUE, { provider, entries: routed } satisfies MetaJob);
      return reply.code(200).send(ok({ received: true }));
    });
  };
  return { webhooks: { path: provider, routes }, queue: metaQueue };
}
