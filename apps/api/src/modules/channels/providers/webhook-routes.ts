import type { FastifyPluginAsync } from 'fastify';
import { providers } from './index.ts';

/**
 * /api/webhooks/<path> for every provider with inbound webhooks (the Meta ones), and the pollers (IMAP). Each
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
    const poller = inbound?.poller;
    if (poller) {
      let running: { stop(): Promise<void> } | null = null;
      app.addHook('onReady', async () => {
        running = poller.start(app);
      });
      app.addHook('onClose', async () => {
        await running?.stop();
      });
    }
  }
};

export default webhookRoutes;
