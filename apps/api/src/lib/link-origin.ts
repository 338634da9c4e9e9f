import type { FastifyRequest } from 'fastify';

/**
 * The origin links in system mail point at (the dashboard is served by this server): `PUBLIC_URL`, else
 * the first `APP_ORIGIN`, else the origin the request reached us at. The last is only a convenience for
 * a bare `pnpm start`: it comes from the Host header, which a client chooses, so a deployment sets
 * `PUBLIC_URL` — otherwise a forged Host could make a reset mail link to somebody else's site.
 */
export function linkOrigin(config: { PUBLIC_URL?: string | undefined; APP_ORIGIN: string[] }, request: FastifyRequest) {
  return config.PUBLIC_URL ?? config.APP_ORIGIN[0] ?? `${request.protocol}://${request.host}`;
}
