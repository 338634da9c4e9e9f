import { PermanentDeliveryError } from '../../delivery/errors.ts';
import type { DeliveryContext, DeliveryResult, ProviderServices } from '../types.ts';
import { telegramCall } from './api.ts';
import { publicMediaLink } from '../../../media/public-link.ts';

/**
 * A reply by the Bot API: `sendMessage`, or `sendPhoto`/`sendDocument` (by a signed public link) for
 * attachments, the text as the first one's caption. 403 (blocked, kicked) fails at once with Telegram's
 * words; 429 and 5xx are retried by the delivery queue.
 */
export async function telegramDeliver(ctx: DeliveryContext, services: ProviderServices): Promise<DeliveryResult> {
  const { config } = services;
  const chatId = ctx.customerIdentity?.externalId;
  if (!chatId) throw new PermanentDeliveryError('The customer has no Telegram chat on this channel to reply to');
  const { botToken } = ctx.credentials<{ botToken: string }>();
  const calls: [string, Record<string, unknown>][] = [];
  const files = ctx.message.attachments;
  if (files.length > 0 && !config.PUBLIC_URL) throw new PermanentDeliveryError('Attachments to Telegram need PUBLIC_URL to be set');
  files.forEach((file, i) => {
    const link = publicMediaLink(services, { organizationId: ctx.message.organizationId, mediaId: file.id });
    const caption = i === 0 && ctx.message.content ? { caption: ctx.message.content } : {};
    calls.push(file.mimeType.startsWith('image/') ? ['sendPhoto', { chat_id: chatId, photo: link, ...caption }] : ['sendDocument', { chat_id: chatId, document: link, ...caption }]);
  });
  if (files.length === 0) calls.push(['sendMessage', { chat_id: chatId, text: ctx.message.content }]);

  let last: number | undefined;
  for (const [method, body] of calls) {
    const answer = await telegramCall<{ message_id?: number }>(config.TELEGRAM_API_URL, botToken, method, body, ctx.signal);
    if (!answer.ok) {
      const code = answer.error_code ?? 0;
      const reason = `Telegram refused the message: ${answer.description ?? `error ${code}`}`;
      if (code === 429 || code >= 500) throw new Error(`${reason}${answer.parameters?.retry_after ? ` (retry after ${answer.parameters.retry_after} s)` : ''}`);
      throw new PermanentDeliveryError(reason);
    }
    last = answer.result?.message_id;
  }
  return { status: 'SENT', externalId: last === undefined ? undefined : `telegram:${ctx.channel.id}:${chatId}:${last}` };
}
