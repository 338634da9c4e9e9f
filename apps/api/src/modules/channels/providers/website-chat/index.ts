import { contractCredentials } from '../credentials.ts';
import type { ChannelProvider } from '../types.ts';
import { deliverToVisitor } from './deliver.ts';

/** The chat widget (modules/widget): replies go out over the visitor's socket; messages come in through the widget API. */
export const websiteChat: ChannelProvider<'WEBSITE_CHAT'> = {
  type: 'WEBSITE_CHAT',
  credentials: contractCredentials('WEBSITE_CHAT'),
  deliver: deliverToVisitor,
  capabilities: { attachments: true, templates: false, window24h: false, typing: true },
};
