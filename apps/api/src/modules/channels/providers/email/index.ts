import { contractCredentials } from '../credentials.ts';
import type { ChannelProvider } from '../types.ts';
import { checkEmailConnection, emailCheckQueue, requestEmailCheck } from './check.ts';
import { deliverEmail } from './deliver.ts';
import { checkEmailHosts } from './hosts.ts';
import { emailPoller } from './poller.ts';

/** SMTP out (nodemailer), IMAP in (a poller per channel); CONTRACT §10 E-mail. */
export const email: ChannelProvider<'EMAIL'> = {
  type: 'EMAIL',
  credentials: contractCredentials('EMAIL'),
  checkCredentials: checkEmailHosts,
  checkConnection: checkEmailConnection,
  deliver: deliverEmail,
  onSaved: requestEmailCheck,
  inbound: { queue: emailCheckQueue, poller: emailPoller },
  capabilities: { attachments: true, templates: false, window24h: false, typing: false },
};
