import { contractCredentials } from '../credentials.ts';
import { messengerDeliver } from '../meta/messenger.ts';
import { metaInbound } from '../meta/webhooks.ts';
import type { ChannelProvider } from '../types.ts';
import { instagramOwnership } from './ownership.ts';

/** An Instagram professional account (Instagram messaging). Replies go through the Send API; inbound messages arrive on /api/webhooks/instagram. */
export const instagram: ChannelProvider<'INSTAGRAM'> = {
  type: 'INSTAGRAM',
  credentials: contractCredentials('INSTAGRAM'),
  ownership: instagramOwnership,
  deliver: messengerDeliver('instagram'),
  inbound: metaInbound('instagram'),
  capabilities: { attachments: false, templates: false, window24h: true, typing: false },
};
