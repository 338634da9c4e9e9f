import { isForbiddenAddress, literalAddress } from './address.ts';
import { isAllowed, type AllowList } from './allow-list.ts';
import type { UrlCheck } from './url.ts';

export const MAIL_PORTS = { smtp: [25, 465, 587, 2525], imap: [143, 993] } as const;
export type MailProtocol = keyof typeof MAIL_PORTS;

type HostCheck = { ok: true; host: string; port: number } | Extract<UrlCheck, { ok: false }>;

/**
 * The write-time check of a mail server (e-mail channels): the protocol's ports only, and a literal
 * address must be public; OUTBOUND_ALLOW entries are exempt. The host is normalised as a URL host, so
 * `0177.0.0.1` is seen as `127.0.0.1` here too.
 */
export function checkMailHost(protocol: MailProtocol, host: string, port: number, allow: AllowList): HostCheck {
  let hostname: string;
  try {
    hostname = new URL(`http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}`).hostname;
  } catch {
    return { ok: false, reason: 'must be a host name or address' };
  }
  const allowed = isAllowed(allow, { host: hostname, port });
  if (!allowed && !(MAIL_PORTS[protocol] as readonly number[]).includes(port)) {
    return { ok: false, reason: `port must be one of ${MAIL_PORTS[protocol].join(', ')}` };
  }
  const address = literalAddress(hostname);
  if (address && !allowed && isForbiddenAddress(address)) {
    return { ok: false, reason: 'must not point at a loopback, private, link-local or otherwise internal address' };
  }
  return { ok: true, host: hostname, port };
}
