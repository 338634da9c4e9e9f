import ipaddr from 'ipaddr.js';
import { literalAddress, unbracket } from './address.ts';

/**
 * OUTBOUND_ALLOW (CONTRACT §8.6): exceptions to the guard. A `host:port` entry exempts that port of that
 * host (a name, or an address in any spelling), a CIDR entry every port of its addresses.
 */
export type AllowEntry =
  | { kind: 'hostPort'; host: string; port: number }
  | { kind: 'cidr'; range: [ipaddr.IPv4 | ipaddr.IPv6, number] };

export type AllowList = readonly AllowEntry[];

const HOST_PORT = /^(\[[^\]]+\]|[^:[\]]+):(\d{1,5})$/;
const DNS_NAME = /^(?=.{1,253}\.?$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** A host as compared: lowercase, no trailing dot, an address in canonical form. */
export const normalizeHost = (host: string) => literalAddress(host) ?? unbracket(host).toLowerCase().replace(/\.$/, '');

export function parseAllowEntry(raw: string): AllowEntry | null {
  const entry = raw.trim();
  if (entry.includes('/')) {
    try {
      return { kind: 'cidr', range: ipaddr.parseCIDR(entry) };
    } catch {
      return null;
    }
  }
  const m = HOST_PORT.exec(entry);
  if (!m) return null;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return null;
  if (!literalAddress(m[1]!) && !DNS_NAME.test(m[1]!)) return null;
  return { kind: 'hostPort', host: normalizeHost(m[1]!), port };
}

/** Comma-separated entries; throws naming the first one that is neither `host:port` nor a CIDR. */
export function parseAllowList(value: string | undefined): AllowList {
  const entries = (value ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  return entries.map((e) => {
    const parsed = parseAllowEntry(e);
    if (!parsed) throw new Error(`"${e}" is neither host:port nor a CIDR`);
    return parsed;
  });
}

/**
 * Whether a destination is exempt. `host` is what the URL names, `address` what it resolved to (the same
 * for a literal); a host:port entry matches either, so `127.0.0.1:11434` also covers `localhost:11434`.
 */
export function isAllowed(list: AllowList, dest: { host: string; port: number; address?: string | null }): boolean {
  const host = normalizeHost(dest.host);
  const address = dest.address ? literalAddress(dest.address) : literalAddress(host);
  return list.some((entry) => {
    if (entry.kind === 'hostPort') return entry.port === dest.port && (entry.host === host || entry.host === address);
    if (!address) return false;
    const parsed = ipaddr.parse(address);
    return parsed.kind() === entry.range[0].kind() && parsed.match(entry.range);
  });
}
