import type { EmailCredentials } from '@helpstack/contracts';
import { ImapFlow } from 'imapflow';
import { imapPortOf } from './hosts.ts';
import { resolveMailHost, type MailConfig } from './resolve.ts';

/** An IMAP client (not yet connected) for the channel's mailbox, at the guard-checked address of its server. */
export async function imapClient(config: MailConfig, credentials: EmailCredentials & { imapHost: string }) {
  const port = imapPortOf(credentials);
  const address = await resolveMailHost(config, credentials.imapHost, port);
  return new ImapFlow({
    host: address,
    port,
    secure: credentials.imapSecure ?? port === 993,
    servername: credentials.imapHost,
    auth: { user: credentials.username, pass: credentials.password },
    tls: { rejectUnauthorized: !credentials.imapAllowSelfSigned, servername: credentials.imapHost },
    logger: false,
    connectionTimeout: 10_000,
    greetingTimeout: 8_000,
    socketTimeout: 5 * 60_000,
    // imapflow starts IDLE only after this much quiet (15 s by default): new mail is announced from then on.
    autoIdleDelay: 500,
  });
}
