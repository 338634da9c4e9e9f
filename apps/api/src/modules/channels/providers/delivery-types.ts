import type { FastifyBaseLogger } from 'fastify';
import type { channels, channelTypes, conversations, customerIdentities, customers, messages } from '../../../db/schema/index.ts';

export type ChannelType = (typeof channelTypes)[number];

/** Everything an adapter needs to send one OUTBOUND message; loaded once per attempt, within the message's organization. */
export interface DeliveryContext {
  message: typeof messages.$inferSelect;
  conversation: typeof conversations.$inferSelect;
  channel: typeof channels.$inferSelect;
  customer: typeof customers.$inferSelect | null;
  /** How this channel knows the customer (widget visitorId, PSID, chat id…), newest first. */
  customerIdentities: (typeof customerIdentities.$inferSelect)[];
  /** The newest of `customerIdentities`: where a reply goes when the channel has one address per customer. */
  customerIdentity: typeof customerIdentities.$inferSelect | null;
  /** The channel's decrypted credentials; decrypted on demand so adapters that need none never touch secrets. */
  credentials<T = Record<string, unknown>>(): T;
  /** 1 on the first attempt. */
  attempt: number;
  /** Aborted when the instance shuts down mid-attempt; the job is then retried elsewhere. Pass it to fetch(). */
  signal: AbortSignal;
  log: FastifyBaseLogger;
}

/**
 * SENT: the provider accepted the message. DELIVERED: it reached the customer's device (or socket).
 * `externalId` is the provider's message id, kept to de-duplicate its webhooks.
 */
export interface DeliveryResult {
  status: 'SENT' | 'DELIVERED';
  externalId?: string;
}

/**
 * Sends messages of one channel type. Throwing retries the attempt with backoff (timeouts, 5xx, rate
 * limits); throw `PermanentDeliveryError` when retrying cannot help (bad recipient, revoked token).
 */
export interface DeliveryAdapter {
  type: ChannelType;
  deliver(ctx: DeliveryContext): Promise<DeliveryResult>;
}
