import { contractCredentials } from '../credentials.ts';
import { metaInbound } from '../meta/webhooks.ts';
import type { ChannelProvider } from '../types.ts';
import { whatsappOwnership } from './ownership.ts';

/** A WhatsApp Business phone number (Cloud API). Sending is not wired yet; inbound messages arrive on /api/webhooks/whatsapp. */
export const whatsapp: ChannelProvider<'WHATSAPP'> = {
  type: 'WHATSAPP',
  credentials: contractCredentials('WHATSAPP'),
  ownership: whatsappOwnership,
  inbound: metaInbound('whatsapp'),
  capabilities: { attachments: false, templates: false, window24h: true, typing: false },
};
