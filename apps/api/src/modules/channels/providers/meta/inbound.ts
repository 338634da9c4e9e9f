import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { decryptCredentials } from '../../credentials-crypto.ts';
import { recordInboundMessage } from '../../../inbox/record-inbound-message.ts';
import { findByExternalId } from '../../../messages/queries.ts';
import { parseMetaEntry, providerChannel, type MetaProvider } from './payload.ts';
import { findChannelsWithVerifyToken, findOwningChannel } from './queries.ts';
import { downloadMetaMedia } from './media.ts';
import { metaJobSchema } from './routing.ts';
import { applyMetaStatus, parseMetaStatuses } from './statuses.ts';

export const META_QUEUE = 'meta-webhook';
export type { MetaJob } from './routing.ts';

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
    let creds: { verifyToken?: string };
    try {
      creds = decryptCredentials(app.crypto, row) as { verifyToken?: string };
    } catch {
      // Unreadable credentials (wrong ENCRYPTION_KEY, corrupted row) make that channel's token unusable, not the request a 500.
      app.log.warn({ channelId: row.id }, 'webhook verify: channel credentials cannot be decrypted');
      return false;
    }
    return typeof creds.verifyToken === 'string' && sameSecret(token, creds.verifyToken);
  });
}

/** A redelivered message needs no second download. */
const alreadyRecorded = async (app: FastifyInstance, organizationId: string, externalId: string) =>
  (await findByExternalId(app.db, { organizationId, externalId })) !== null;

/**
 * The durable half of a webhook (a queue job, after the 200): each entry was routed to its channel when
 * the request came in; its customer messages become INBOUND messages of that channel's conversations,
 * once — a redelivery carries the same provider message id. Receipts and statuses move our replies forward.
 */
export async function processMetaDelivery(app: FastifyInstance, data: unknown) {
  const job = metaJobSchema.safeParse(data);
  if (!job.success) {
    // Jobs queued before routing was decided at request time were never checked per entry: not trusted.
    app.log.warn('webhook job without routed entries skipped');
    return;
  }
  const { provider, entries } = job.data;
  for (const routed of entries) {
    const channel = await findOwningChannel(app.db, routed.channelId);
    // Deleted, or pointed at another account, since the request was accepted: the entry is no longer its.
    if (!channel || channel.type !== providerChannel[provider].type || channel.accountId !== routed.accountId) continue;
    for (const m of parseMetaEntry(provider, routed.entry)) {
      if (m.accountId !== routed.accountId) continue;
      const attachments = [];
      if (m.media.length > 0 && !(await alreadyRecorded(app, channel.organizationId, `${provider}:${m.messageId}`))) {
        const { accessToken } = decryptCredentials(app.crypto, channel) as { accessToken: string };
        for (const ref of m.media) {
          const file = await downloadMetaMedia(app, { organizationId: channel.organizationId, accessToken, ref });
          if (file) attachments.push(file);
        }
      }
      await recordInboundMessage(app, {
        organizationId: channel.organizationId,
        channelId: channel.id,
        externalId: m.senderId,
        customer: { name: m.senderName, phone: m.senderPhone },
        content: m.text,
        attachments,
        messageExternalId: `${provider}:${m.messageId}`,
      });
    }
    for (const status of parseMetaStatuses(provider, routed.entry)) {
      await applyMetaStatus(app, { organizationId: channel.organizationId, channelId: channel.id }, status);
    }
  }
}
