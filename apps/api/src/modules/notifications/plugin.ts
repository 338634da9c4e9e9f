import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { INTEGRATION_QUEUE, runDelivery, type IntegrationJob } from './integrations/deliver.ts';
import { sweepNotifications } from './sweeper.ts';
import integrationRoutes from './integrations/routes.ts';
import { MAIL_QUEUE, sendNotificationMail, type MailJob } from './mail.ts';
import { PUSH_QUEUE, sendPush, type PushJob } from './push.ts';
import { ownNotificationRoutes } from './routes.ts';
import { NOTIFIED_EVENT_TYPES, notificationsSubscriber } from './subscriber.ts';
import { createVapid } from './vapid.ts';

/**
 * Notifications (CONTRACT §11), under /api/notifications: the routing subscriber on the event spine, and the
 * three durable queues it feeds — Web Push, e-mail, integration deliveries — each retried with backoff.
 */
const SWEEP_EVERY_MS = 60_000;

const notificationsModule: FastifyPluginAsyncZod = async (app) => {
  const vapid = createVapid(app);
  // Network-bound work: several at once per instance, so one slow receiver does not hold the others up.
  const worker = { localConcurrency: 5 };
  app.queue.define<PushJob>({
    name: PUSH_QUEUE,
    options: { retryLimit: 4, retryDelay: 5, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 60 },
    worker: { options: worker, handler: async ([job]) => sendPush(app, vapid, job!.data) },
  });
  app.queue.define<MailJob>({
    name: MAIL_QUEUE,
    options: { retryLimit: 4, retryDelay: 10, retryBackoff: true, retryDelayMax: 600, expireInSeconds: 120 },
    worker: { options: worker, handler: async ([job]) => sendNotificationMail(app, job!.data) },
  });
  app.queue.define<IntegrationJob>({
    name: INTEGRATION_QUEUE,
    options: { policy: 'exclusive', retryLimit: 4, retryDelay: 5, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 60 },
    worker: { options: worker, handler: async ([job]) => runDelivery(app, job!) },
  });

  app.events.subscribe('notifications', notificationsSubscriber(app), { types: NOTIFIED_EVENT_TYPES });

  // Every instance sweeps (idempotent: one live job per delivery); jitter keeps instances out of lockstep.
  let sweeper: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    sweeper = setInterval(() => {
      void sweepNotifications(app);
    }, SWEEP_EVERY_MS + Math.floor(Math.random() * 10_000));
    sweeper.unref();
  });
  app.addHook('preClose', async () => clearInterval(sweeper));

  await app.register(ownNotificationRoutes(vapid));
  await app.register(integrationRoutes, { prefix: '/integrations' });
};

export default notificationsModule;
