import { contractCredentials } from '../credentials.ts';
import type { ChannelProvider } from '../types.ts';
import { telegramDeliver } from './deliver.ts';
import { telegramLifecycle } from './lifecycle.ts';
import { telegramOwnership } from './ownership.ts';
import { telegramWebhookRoutes } from './webhook.ts';

/** A Telegram bot: its webhook (set on connect) brings updates to /api/webhooks/telegram/<channelId>; replies by the Bot API. */
export const telegram: ChannelProvider<'TELEGRAM'> = {
  type: 'TELEGRAM',
  credentials: contractCredentials('TELEGRAM'),
  ownership: telegramOwnership,
  deliver: telegramDeliver,
  inbound: { webhooks: { path: 'telegram', routes: telegramWebhookRoutes } },
  lifecycle: telegramLifecycle,
  capabilities: { attachments: true, templates: false, window24h: false, typing: false },
};
