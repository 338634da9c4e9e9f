import { isForbiddenAddress, literalAddress } from './address.ts';
import { isAllowed, type AllowList } from './allow-list.ts';

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

const DEFAULT_PORT: Record<string, number> = { 'https:': 443, 'http:': 80 };

export const portOf = (url: URL) => (url.port ? Number(url.port) : DEFAULT_PORT[url.protocol] ?? 0);

/**
 * The write-time check of a user-supplied URL (CONTRACT §8.6): `https:` only, plain `http:` only for an
 * OUTBOUND_ALLOW entry, and a literal address must be public. WHATWG URL parsing already turns the
 * decimal, octal, hex and short IPv4 spellings into dotted quads, so they are judged like `127.0.0.1`.
 * A name passes here; what it resolves to is checked at call time.
 */
export function checkUrl(raw: string, allow: AllowList): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'must be an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'must be an https URL' };
  if (url.username || url.password) return { ok: false, reason: 'must not contain credentials' };
  const dest = { host: url.hostname, port: portOf(url) };
  const allowed = isAllowed(allow, dest);
  if (url.protocol === 'http:' && !allowed) return { ok: false, reason: 'must be an https URL (plain http only for OUTBOUND_ALLOW entries)' };
  const address = literalAddress(url.hostname);
  if (address && !allowed && isForbiddenAddress(address)) {
    return { ok: false, reason: 'must not point at a loopback, private, link-local or otherwise internal address' };
  }
  return { ok: true, url };
}
