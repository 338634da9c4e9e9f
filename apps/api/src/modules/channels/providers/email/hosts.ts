import type { EmailCredentials } from '@helpstack/contracts';
import type { Outbound } from '../../../../plugins/app/outbound.ts';

/**
 * CONTRACT §8.6 at write time: the SMTP and IMAP servers a user names pass the outbound guard (mail ports only,
 * no literal internal address unless OUTBOUND_ALLOW exempts it). Returns the refused fields, or null.
 */
export function checkEmailHosts(credentials: EmailCredentials, outbound: Pick<Outbound, 'checkMailHost'>) {
  const fields: Record<string, string[]> = {};
  const check = (protocol: 'smtp' | 'imap', host: string, port: number, hostField: string, portField: string) => {
    const result = outbound.checkMailHost(protocol, host, port);
    if (result.ok) return;
    // A port outside the protocol's list is the port's fault; everything else is the host's.
    const field = result.reason.startsWith('port') ? portField : hostField;
    fields[field] = [`${protocol.toUpperCase()} server ${result.reason}`];
  };
  check('smtp', credentials.host, credentials.port, 'credentials.host', 'credentials.port');
  if (credentials.imapHost) {
    check('imap', credentials.imapHost, imapPortOf(credentials), 'credentials.imapHost', 'credentials.imapPort');
  }
  return Object.keys(fields).length ? fields : null;
}

/** IMAP's port when the channel names none: 993 for implicit TLS (the default), 143 otherwise. */
export const imapPortOf = (c: EmailCredentials) => c.imapPort ?? (c.imapSecure === false ? 143 : 993);
