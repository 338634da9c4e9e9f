import { randomBytes } from 'node:crypto';
import type { ChannelCredentials } from '@helpstack/contracts';
import type { ProviderLifecycle } from '../types.ts';
import { telegramCall } from './api.ts';

type Credentials = ChannelCredentials['TELEGRAM'];

/** Where Telegram posts a channel's updates. */
export const telegramWebhookUrl = (publicUrl: string, channelId: string) => `${publicUrl}/api/webhooks/telegram/${channelId}`;

/**
 * A bot's webhook follows its channel: registered (with the channel's secret, generated when the admin set
 * none) when the channel is created or its token changes, removed when the channel is deleted. Without
 * PUBLIC_URL there is no address Telegram could reach, so nothing is registered.
 */
export const telegramLifecycle: ProviderLifecycle<'TELEGRAM'> = {
  // 32 random bytes in base64url: within Telegram's [A-Za-z0-9_-]{1,256}.
  prepare: (c: Credentials) => (c.secretToken ? c : { ...c, secretToken: randomBytes(32).toString('base64url') }),
  // The secret Telegram sends with each update is the one it was given last: a new one must be registered.
  reconnectOn: (before, after) => before.secretToken !== after.secretToken,
  async connected(config, channel) {
    if (!config.PUBLIC_URL) return false;
    const c = channel.credentials;
    const answer = await telegramCall(config.TELEGRAM_API_URL, c.botToken, 'setWebhook', {
      url: telegramWebhookUrl(config.PUBLIC_URL, channel.id),
      secret_token: c.secretToken,
      allowed_updates: ['message'],
    });
    if (!answer.ok) throw new Error(`Telegram refused the webhook: ${answer.description ?? answer.error_code}`);
    return true;
  },
  async disconnected(config, channel) {
    await telegramCall(config.TELEGRAM_API_URL, channel.credentials.botToken, 'deleteWebhook', {});
  },
};
