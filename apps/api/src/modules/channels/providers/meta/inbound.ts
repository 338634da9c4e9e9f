import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { decryptCredentials } from '../../credentials-crypto.ts';
import { recordInboundMessage } from '../../../inbox/record-inbound-message.ts';
import { recordProviderReply } from '../../../inbox/record-provider-reply.ts';
import { findByExternalId } from '../../../messages/queries.ts';
import { isOurSend } from './messenger.ts';
import { parseMetaEchoes, parseMetaEntry, providerChannel, type MetaEcho, type MetaProvider } from './payload.ts';
import { findChannelsWithVerifyToken, findOwningChannel, replyInFlight, type OwningChannel } from './queries.ts';
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

/** Thrown after the rest of a job is done, so that pg-boss runs it again later for the echoes it held back. */
export class EchoDeferredError extends Error {
  constructor() {
    super('an echo waits for a reply to the same customer that is being sent');
  }
}

/** Downloads the files a message refers to, unless that message was recorded before. */
async function mediaOf(app: FastifyInstance, channel: OwningChannel, externalId: string, refs: MetaEcho['media']) {
  const attachments = [];
  if (refs.length > 0 && !(await alreadyRecorded(app, channel.organizationId, externalId))) {
    const { accessToken } = decryptCredentials(app.crypto, channel) as { accessToken: string };
    for (const ref of refs) {
      const file = await downloadMetaMedia(app, { organizationId: channel.organizationId, accessToken, ref });
      if (file) attachments.push(file);
    }
  }
  return attachments;
}

/**
 * An echo (CONTRACT §10 "Echoes"): the page sent a message. Ours — our message id in its metadata, or its
 * mid already our reply's externalId — is skipped; one written in Meta's inbox becomes an agent message
 * without author, once. While a reply to the same customer is mid-send its echo may come before we stored
 * its mid, so the echo is held back (`false`) and tried again; `deferEchoes: false` (the job's last try)
 * records it anyway.
 */
async function recordEcho(app: FastifyInstance, channel: OwningChannel, provider: MetaProvider, echo: MetaEcho, deferEchoes: boolean) {
  const externalId = `${provider}:${echo.messageId}`;
  if (isOurSend(echo.metadata) || (await alreadyRecorded(app, channel.organizationId, externalId))) return true;
  if (deferEchoes && (await replyInFlight(app.db, { organizationId: channel.organizationId, channelId: channel.id, customerExternalId: echo.recipientId }))) {
    return false;
  }
  await recordProviderReply(app, {
    organizationId: channel.organizationId,
    channelId: channel.id,
    externalId: echo.recipientId,
    content: echo.text,
    attachments: await mediaOf(app, channel, externalId, echo.media),
    messageExternalId: externalId,
  });
  return true;
}

/**
 * The durable half of a webhook (a queue job, after the 200): each entry was routed to its channel when
 * the request came in; its customer messages become INBOUND messages of that channel's conversations,
 * once — a redelivery carries the same provider message id. Echoes of the page's own messages are
 * recorded as agent replies (see `recordEcho`). Receipts and statuses move our replies forward.
 */
export async function processMetaDelivery(app: FastifyInstance, data: unknown, options: { deferEchoes?: boolean } = {}) {
  const job = metaJobSchema.safeParse(data);
  if (!job.success) {
    // Jobs queued before routing was decided at request time were never checked per entry: not trusted.
    app.log.warn('webhook job without routed entries skipped');
    return;
  }
  const { provider, entries } = job.data;
  let deferred = false;
  for (const routed of entries) {
    const channel = await findOwningChannel(app.db, routed.channelId);
    // Deleted, or pointed at another account, since the request was accepted: the entry is no longer its.
    if (!channel || channel.type !== providerChannel[provider].type || channel.accountId !== routed.accountId) continue;
    for (const m of parseMetaEntry(provider, routed.entry)) {
      if (m.accountId !== routed.accountId) continue;
      const attachments = await mediaOf(app, channel, `${provider}:${m.messageId}`, m.media);
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
    for (const echo of parseMetaEchoes(provider, routed.entry)) {
      if (echo.accountId !== routed.accountId) continue;
      if (!(await recordEcho(app, channel, provider, echo, options.deferEchoes ?? false))) deferred = true;
    }
    for (const status of parseMetaStatuses(provider, routed.entry)) {
      await applyMetaStatus(app, { organizationId: channel.organizationId, channelId: channel.id }, status);
    }
  }
  // Everything else is stored (and is idempotent): the retry only finds the held-back echoes still to do.
  if (deferred) throw new EchoDeferredError();
}
