import { contractCredentials } from '../credentials.ts';
import type { ChannelProvider } from '../types.ts';
import { checkEmailHosts } from './hosts.ts';

/** SMTP out, IMAP in — neither is wired yet: replies fail as not configured, and a poller will read IMAP. */
export const email: ChannelProvider<'EMAIL'> = {
  type: 'EMAIL',
  credentials: contractCredentials('EMAIL'),
  checkCredentials: checkEmailHosts,
  capabilities: { attachments: false, templates: false, window24h: false, typing: false },
};
