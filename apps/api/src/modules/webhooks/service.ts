import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { decryptCredentials } from '../channels/service.ts';
import { publishInbound, recordInboundMessage } from '../conversations/inbound.ts';
import { parseMetaDelivery, providerChannel, type MetaProvider } from './meta-payload.ts';
import { findChannelsByAccount, findChannelsWithVerifyToken } from './queries.ts';

export const META_QUEUE = 'meta-webhook';
export interface MetaJob {
  provider: MetaProvider;
  body: unknown;
}

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The handshake token is META_VERIFY_TOKEN, or the verifyToken a channel of that type configured. */
export async function isVerifyToken(app: FastifyInstance, provider: MetaProvider, token: string) {
  if (app.config.META_VERIFY_TOKEN && sameSecret(token, app.config.META_VERIFY_TOKEN)) return true;
  const rows = await findChannelsWithVerifyToken(app.db, { provider });
  return rows.some((row) => {
    const creds = decryptCredentials(app.crypto, row) as { verifyToken?: string };
    return typeof creds.verifyToken === 'string' && sameSecret(token, creds.verifyToken);
  });
}

/** Every secret a delivery naming these accounts may be signed with: the app-wide one and the channels' own. */
export async function signingSecrets(app: FastifyInstance, provider: MetaProvider, accountIds: string[]) {
  const secrets = app.config.META_APP_SECRET ? [app.config.META_APP_SECRET] : [];
  for (const row of await findChannelsByAccount(app.db, { provider, accountIds })) {
    const creds = decryptCredentials(app.crypto, row) as { appSecret?: string };
    if (creds.appSecret) secrets.push(creds.appSecret);
  }
  return secrets;
}

/**
 * The durable half of a webhook (a queue job, after the 200): each customer message becomes an INBOUND
 * message of its channel's conversation, once — a redelivery carries the same provider message id.
 */
export async function processMetaDelivery(app: FastifyInstance, job: MetaJob) {
  const inbound = parseMetaDelivery(job.provider, job.body);
  if (inbound.length === 0) return;
  const channels = await findChannelsByAccount(app.db, { provider: job.provider, accountIds: [...new Set(inbound.map((m) => m.accountId))] });
  const { accountField } = providerChannel[job.provider];
  for (const m of inbound) {
    for (const channel of channels.filter((c) => c.credentialsSummary[accountField] === m.accountId)) {
      const result = await recordInboundMessage(app.db, {
        organizationId: channel.organizationId,
        channelId: channel.id,
        externalId: m.senderId,
        customer: { name: m.senderName, phone: m.senderPhone },
        content: m.text,
        messageExternalId: `${job.provider}:${m.messageId}`,
      });
      await publishInbound(app, channel.organizationId, result);
    }
  }
}
