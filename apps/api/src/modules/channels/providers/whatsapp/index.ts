import { contractCredentials } from '../credentials.ts';
import { metaInbound } from '../meta/webhooks.ts';
import { whatsappDeliver } from '../meta/whatsapp-send.ts';
import type { ChannelProvider } from '../types.ts';
import { whatsappOwnership } from './ownership.ts';

/** A WhatsApp Business phone number (Cloud API). Replies go through the Cloud API; inbound messages arrive on /api/webhooks/whatsapp. */
export const whatsapp: ChannelProvider<'WHATSAPP'> = {
  type: 'WHATSAPP',
  credentials: contractCredentials('WHATSAPP'),
  ownership: whatsappOwnership,
  deliver: whatsappDeliver,
  inbound: metaInbound('whatsapp'),
  capabilities: { attachments: false, templates: false, window24h: true, typing: false },
};
