import { contractCredentials } from '../credentials.ts';
import type { ChannelProvider } from '../types.ts';
import { telegramOwnership } from './ownership.ts';

/** A Telegram bot; sending and its webhook are not wired yet. */
export const telegram: ChannelProvider<'TELEGRAM'> = {
  type: 'TELEGRAM',
  credentials: contractCredentials('TELEGRAM'),
  ownership: telegramOwnership,
  capabilities: { attachments: false, templates: false, window24h: false, typing: false },
};
