import { contractCredentials } from '../credentials.ts';
import { metaInbound } from '../meta/webhooks.ts';
import type { ChannelProvider } from '../types.ts';
import { instagramOwnership } from './ownership.ts';

/** An Instagram professional account (Instagram messaging). Sending is not wired yet; inbound messages arrive on /api/webhooks/instagram. */
export const instagram: ChannelProvider<'INSTAGRAM'> = {
  type: 'INSTAGRAM',
  credentials: contractCredentials('INSTAGRAM'),
  ownership: instagramOwnership,
  inbound: metaInbound('instagram'),
  capabilities: { attachments: false, templates: false, window24h: true, typing: false },
};
