import fp from 'fastify-plugin';
import type { ChannelType, DeliveryAdapter } from '../providers/delivery-types.ts';
import { providers } from '../providers/index.ts';
import { decryptCredentials } from '../credentials-crypto.ts';
import { deliverMessage, giveUpOnMessage, type DeliverMessageJob, type DeliveryDeps } from './worker.ts';

export interface Delivery {
  /**
   * Hands an approved OUTBOUND message to its channel's adapter through the durable queue. Call it after
   * the message has committed. Enqueuing a message that already waits for delivery does nothing.
   */
  enqueue(message: { id: string; organizationId: string }): Promise<void>;
  /** Adds or replaces the adapter of a channel type (channel integrations register theirs at start-up). */
  registerAdapter(adapter: DeliveryAdapter): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    delivery: Delivery;
  }
}

export interface DeliveryOptions {
  /** Retries after the first attempt. */
  retryLimit?: number;
  /** First retry delay; doubles (with jitter) on every retry when `retryBackoff`. Whole seconds (pg-boss). */
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  retryDelayMaxSeconds?: number;
  /**
   * An attempt running longer than this counts as stuck and is retried (adapters time out well before).
   * One whose instance crashed is retried sooner: its heartbeat stops (QUEUE_DEFAULTS in queue.ts).
   */
  expireInSeconds?: number;
  /** How often each instance looks for due jobs (new jobs sent by this instance start at once). */
  pollingIntervalSeconds?: number;
  /** Attempts run in parallel per instance. */
  concurrency?: number;
}

export const DELIVER_MESSAGE_QUEUE = 'deliver-message';
export const DELIVERY_DEAD_LETTER_QUEUE = 'deliver-message-dead';

/**
 * Outbound messages go through pg-boss (plugins/app/queue.ts); nothing calls a channel inline. Each
 * channel type is sent by its provider's `deliver` (providers/index.ts); a type without one fails its messages.
 */
export default fp<DeliveryOptions>(async (app, opts) => {
  const adapters = new Map<ChannelType, DeliveryAdapter>();
  for (const provider of providers) {
    const { deliver } = provider;
    if (deliver) adapters.set(provider.type, { type: provider.type, deliver: (ctx) => deliver(ctx, app) });
  }
  const deps: DeliveryDeps = {
    db: app.db,
    events: app.events,
    log: app.log.child({ module: 'delivery' }),
    adapterFor: (type) => adapters.get(type),
    decryptCredentials: (channel) => decryptCredentials(app.crypto, channel),
  };

  app.queue.define<DeliverMessageJob>({
    name: DELIVERY_DEAD_LETTER_QUEUE,
    options: { retryLimit: 3, retryDelay: 5 },
    worker: { options: { pollingIntervalSeconds: 10 }, handler: async ([job]) => giveUpOnMessage(deps, job!) },
  });
  const retryBackoff = opts.retryBackoff ?? true;
  app.queue.define<DeliverMessageJob>({
    name: DELIVER_MESSAGE_QUEUE,
    options: {
      // One live job per message (singletonKey = message id): a double enqueue never sends twice.
      policy: 'exclusive',
      retryLimit: opts.retryLimit ?? 5,
      retryDelay: opts.retryDelaySeconds ?? 2,
      retryBackoff,
      ...(retryBackoff ? { retryDelayMax: opts.retryDelayMaxSeconds ?? 300 } : {}),
      expireInSeconds: opts.expireInSeconds ?? 120,
      deadLetter: DELIVERY_DEAD_LETTER_QUEUE,
    },
    worker: {
      options: { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1, localConcurrency: opts.concurrency ?? 4 },
      handler: async ([job]) => deliverMessage(deps, job!),
    },
  });

  app.decorate('delivery', {
    async enqueue(message) {
      await app.queue.send<DeliverMessageJob>(DELIVER_MESSAGE_QUEUE, { messageId: message.id, organizationId: message.organizationId }, { singletonKey: message.id });
    },
    registerAdapter(adapter) {
      adapters.set(adapter.type, adapter);
    },
  } satisfies Delivery);
}, { name: 'delivery', dependencies: ['db', 'queue', 'events', 'visitor-sockets'] });
