import { lookup } from 'node:dns/promises';
import { isAllowed, isForbiddenAddress, literalAddress, type AllowList } from '../../../../lib/outbound/index.ts';

export type MailConfig = { OUTBOUND_ALLOW: AllowList; NODE_ENV: string };

/** A mail server the guard refused at call time (CONTRACT §8.6): nothing was sent to it. */
export class MailHostRefusedError extends Error {}

/**
 * CONTRACT §8.6 at call time: the host's resolved addresses must all be public unless OUTBOUND_ALLOW exempts
 * host:port. Returns the address to connect to, so a second lookup cannot swap in another one (DNS rebinding).
 */
export async function resolveMailHost(config: MailConfig, host: string, port: number): Promise<string> {
  const allow = config.OUTBOUND_ALLOW;
  const literal = literalAddress(host);
  // Tests never ask a DNS server (it is off this machine): only literal addresses are reached there.
  if (!literal && config.NODE_ENV === 'test') throw new MailHostRefusedError(`${host} is not resolved in tests`);
  const found = literal ? [{ address: literal }] : await lookup(host, { all: true, verbatim: true });
  const exempt = (address: string) => isAllowed(allow, { host, port, address });
  for (const { address } of found) {
    if (!exempt(address) && isForbiddenAddress(address)) {
      throw new MailHostRefusedError(`${host} resolves to an internal address (${address}); refused by the outbound guard`);
    }
  }
  if (!found[0]) throw new MailHostRefusedError(`${host} does not resolve`);
  return found[0].address;
}
