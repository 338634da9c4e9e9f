import { timingSafeEqual } from 'node:crypto';
import type { ChannelCredentials } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError, UnauthorizedError } from '../../../../lib/errors.ts';
import { ok } from '../../../../lib/route.ts';
import { recordInboundMessage } from '../../../inbox/record-inbound-message.ts';
import { storeProviderFile } from '../../../media/store-bytes.ts';
import { decryptCredentials } from '../../credentials-crypto.ts';
import { findOwningChannel } from '../meta/queries.ts';
import { telegramDownload } from './api.ts';

const tags = ['webhooks'];

const update = z.object({
  update_id: z.number().int(),
  message: z.object({
    message_id: z.number().int(),
    chat: z.object({ id: z.union([z.number(), z.string()]) }),
    from: z.object({ first_name: z.string().optional(), last_name: z.string().optional(), username: z.string().optional() }).optional(),
    text: z.string().optional(),
    caption: z.string().optional(),
    photo: z.array(z.object({ file_id: z.string(), file_size: z.number().optional(), width: z.number().optional() })).optional(),
    document: z.object({ file_id: z.string(), file_name: z.string().optional(), mime_type: z.string().optional() }).optional(),
  }).passthrough().optional(),
}).passthrough();

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** A customer's message in one update: text, the largest size of a photo, or a document, through the one inbound path. */
async function recordUpdate(app: FastifyInstance, channel: { id: string; organizationId: string }, botToken: string, body: z.infer<typeof update>) {
  const m = body.message;
  if (!m) return; // edits, callbacks and the like are not customer messages
  const file = m.document ?? m.photo?.reduce((a, b) => ((b.file_size ?? b.width ?? 0) > (a.file_size ?? a.width ?? 0) ? b : a));
  const attachments = [];
  if (file) {
    const bytes = await telegramDownload(app.config.TELEGRAM_API_URL, botToken, file.file_id);
    const name = m.document?.file_name ?? (m.document ? 'document' : 'photo.jpg');
    const stored = bytes ? await storeProviderFile(app, { organizationId: channel.organizationId, bytes, name }) : null;
    if (stored) attachments.push(stored);
  }
  const from = m.from;
  const name = [from?.first_name, from?.last_name].filter(Boolean).join(' ') || from?.username;
  await recordInboundMessage(app, {
    organizationId: channel.organizationId,
    channelId: channel.id,
    externalId: String(m.chat.id),
    customer: { name },
    content: m.text ?? m.caption ?? (m.document ? '[document]' : m.photo ? '[photo]' : '[message]'),
    attachments,
    // update_id is unique per bot, so per channel: a redelivered update is recognised.
    messageExternalId: `telegram:${channel.id}:u${body.update_id}`,
  });
}

/**
 * POST /api/webhooks/telegram/:channelId — what Telegram posts for a bot whose webhook this server set.
 * The secret header must be the channel's; the update is recorded before answering, so a failure makes
 * Telegram deliver it again (and the update id keeps it from landing twice).
 */
export const telegramWebhookRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/:channelId', {
    schema: { tags, summary: 'Receive a Telegram update (X-Telegram-Bot-Api-Secret-Token required)', params: z.object({ channelId: z.string().min(1).max(64) }) },
    config: { auth: 'public' },
  }, async (request, reply) => {
    const channel = await findOwningChannel(app.db, request.params.channelId);
    if (!channel || channel.type !== 'TELEGRAM') throw new NotFoundError('Channel');
    const creds = decryptCredentials(app.crypto, channel) as ChannelCredentials['TELEGRAM'];
    const header = request.headers['x-telegram-bot-api-secret-token'];
    if (!creds.secretToken || typeof header !== 'string' || !sameSecret(header, creds.secretToken)) {
      throw new UnauthorizedError('Missing or invalid X-Telegram-Bot-Api-Secret-Token');
    }
    const parsed = update.safeParse(request.body);
    // Anything Telegram sends that is not an update we read is acknowledged, or it would be resent forever.
    if (parsed.success) await recordUpdate(app, channel, creds.botToken, parsed.data);
    return reply.code(200).send(ok({ received: true }));
  });
};
