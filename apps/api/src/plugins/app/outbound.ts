import fp from 'fastify-plugin';
import {
  checkMailHost,
  checkUrl,
  createGuardedFetch,
  type GuardedFetch,
  type GuardedFetchOptions,
  type MailProtocol,
} from '../../lib/outbound/index.ts';

export interface Outbound {
  /** Guarded fetch with the default timeout and size cap. */
  fetch: GuardedFetch;
  /** Guarded fetch with the caller's own timeout or size cap (AI calls, agent tools). */
  fetchWith(opts: Pick<GuardedFetchOptions, 'timeoutMs' | 'maxBytes' | 'truncate'>): GuardedFetch;
  /** Write-time check of a user-supplied URL; a failure is the caller's 400 with `fields`. */
  checkUrl(raw: string): ReturnType<typeof checkUrl>;
  checkMailHost(protocol: MailProtocol, host: string, port: number): ReturnType<typeof checkMailHost>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The one way to contact a destination a user of the API supplied (CONTRACT §8.6). */
    outbound: Outbound;
  }
}

export default fp(async (app) => {
  const allow = app.config.OUTBOUND_ALLOW;
  const outbound: Outbound = {
    fetch: createGuardedFetch({ allow }),
    fetchWith: (opts) => createGuardedFetch({ allow, ...opts }),
    checkUrl: (raw) => checkUrl(raw, allow),
    checkMailHost: (protocol, host, port) => checkMailHost(protocol, host, port, allow),
  };
  app.decorate('outbound', outbound);
}, { name: 'outbound', dependencies: ['config'] });
