import { contractCredentials } from '../credentials.ts';
import { messengerDeliver } from '../meta/messenger.ts';
import { metaInbound } from '../meta/webhooks.ts';
import type { ChannelProvider } from '../types.ts';
import { facebookOwnership } from './ownership.ts';

/** A Facebook page (Messenger). Replies go through the Send API; inbound messages arrive on /api/webhooks/facebook. */
export const facebook: ChannelProvider<'FACEBOOK'> = {
  type: 'FACEBOOK',
  credentials: contractCredentials('FACEBOOK'),
  ownership: facebookOwnership,
  deliver: messengerDeliver('facebook'),
  inbound: metaInbound('facebook'),
  capabilities: { attachments: false, templates: false, window24h: true, typing: false },
};
