import type { FastifyPluginAsync } from 'fastify';
import { providers } from './index.ts';

/**
 * /api/webhooks/<path> for every provider with inbound webhooks (today the three Meta ones). Each
 * provider's routes get their own context, so one type's body parsing never touches another's.
 */
const webhookRoutes: FastifyPluginAsync = async (app) => {
  const queues = new Set<string>();
  for (const { inbound } of providers) {
    if (inbound?.queue && !queues.has(inbound.queue.name)) {
      queues.add(inbound.queue.name);
      inbound.queue.define(app);
    }
    if (inbound?.webhooks) await app.register(inbound.webhooks.routes, { prefix: `/${inbound.webhooks.path}` });
  }
};

export default webhookRoutes;
