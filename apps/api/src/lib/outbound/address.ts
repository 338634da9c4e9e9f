import ipaddr from 'ipaddr.js';

/**
 * Whether `ip` (an IPv4 or IPv6 literal, no brackets) is one the server must never contact for a user:
 * everything but global unicast. IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 it carries;
 * other IPv6 ranges that embed IPv4 (6to4, Teredo, NAT64) are refused outright, since what they reach
 * cannot be told from the literal. Anything unparsable is refused too.
 */
export function isForbiddenAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return true;
  return ipaddr.process(ip).range() !== 'unicast';
}

/** `[::1]` → `::1`; a URL's hostname keeps the brackets of an IPv6 literal. */
export const unbracket = (host: string) => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host);

/** A literal address in canonical form (`::ffff:7f00:1` → `127.0.0.1`), or null for a name. */
export function literalAddress(host: string): string | null {
  const bare = unbracket(host);
  return ipaddr.isValid(bare) ? ipaddr.process(bare).toString() : null;
}
