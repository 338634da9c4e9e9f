import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Graph API and the Telegram Bot API, answering the ownership checks the way the
 * contract suite's fake does (/work/shared/contract/fakes/messaging.mjs):
 * - a Graph token belongs to the account whose id follows its last "-"; one containing INVALID is refused
 *   (401, OAuthException code 190); `GET /me` answers `{id, name}`; `GET /<phoneNumberId>?fields=…` answers 200
 *   only for that number's token;
 * - a Telegram token shaped `<digits>:<[A-Za-z0-9_-]+>` without INVALID is a bot whose id is the digits.
 * `failNext(status)` makes the next request(s) answer that status, for provider outages; `delayNext(ms)` slows one down.
 */
export interface FakeProviders {
  graphUrl: string;
  telegramUrl: string;
  /** Every request received, oldest first (the Authorization header shows how a token was sent). */
  requests: { provider: 'graph' | 'telegram'; method: string; path: string; authorization?: string }[];
  failNext(status: number, times?: number): void;
  /** The next request is answered only after `ms` (to overlap it with other requests). */
  delayNext(ms: number): void;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const graphError = (res: ServerResponse, status: number, message: string, code: number) =>
  json(res, status, { error: { message, type: 'OAuthException', code, fbtrace_id: 'fake' } });

const TG_TOKEN = /^\d+:[A-Za-z0-9_-]+$/;

export async function startFakeProviders(): Promise<FakeProviders> {
  const requests: FakeProviders['requests'] = [];
  let failures: number[] = [];
  let delay = 0;

  function graph(req: IncomingMessage, res: ServerResponse, url: URL) {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = url.searchParams.get('access_token') ?? bearer ?? '';
    if (!token || token.includes('INVALID')) return graphError(res, 401, 'Invalid OAuth access token - Cannot parse access token', 190);
    const owner = /-(\d+)$/.exec(token)?.[1];
    const segs = url.pathname.split('/').filter(Boolean).slice(1);
    if (req.method !== 'GET' || segs.length !== 1) return graphError(res, 400, 'Unsupported request (fake Graph API)', 100);
    if (segs[0] === 'me') {
      if (!owner) return graphError(res, 400, 'An active access token must be used to query information about the current user.', 2500);
      return json(res, 200, { id: owner, name: `Fake Page ${owner}` });
    }
    if (owner !== segs[0]) return graphError(res, 400, `Unsupported get request. Object with ID '${segs[0]}' does not exist`, 100);
    return json(res, 200, { id: segs[0], display_phone_number: '+1 555-010-0000' });
  }

  function telegram(res: ServerResponse, url: URL) {
    const m = /^\/telegram\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!m) return json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const token = decodeURIComponent(m[1]!);
    if (!TG_TOKEN.test(token) || token.includes('INVALID')) return json(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    if (m[2]!.toLowerCase() !== 'getme') return json(res, 400, { ok: false, error_code: 400, description: 'Bad Request (fake)' });
    return json(res, 200, { ok: true, result: { id: Number(token.split(':')[0]), is_bot: true, first_name: 'Fake Bot', username: 'fake_bot' } });
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const provider = url.pathname.startsWith('/telegram/') ? 'telegram' : 'graph';
    requests.push({ provider, method: req.method ?? 'GET', path: url.pathname, authorization: req.headers.authorization });
    req.resume();
    const wait = delay;
    delay = 0;
    req.on('end', () => setTimeout(() => {
      const forced = failures.shift();
      if (forced) return json(res, forced, provider === 'graph' ? { error: { message: 'Fake outage', code: 2, is_transient: true } } : { ok: false, error_code: forced, description: 'Fake outage' });
      return provider === 'graph' ? graph(req, res, url) : telegram(res, url);
    }, wait));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    graphUrl: `${base}/graph`,
    telegramUrl: `${base}/telegram`,
    requests,
    failNext(status, times = 1) {
      failures = [...failures, ...Array.from({ length: times }, () => status)];
    },
    delayNext(ms) {
      delay = ms;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let shared: Promise<FakeProviders> | undefined;
/** One fake per test process, left running (unref'd) for every app the process builds. */
export const sharedFakeProviders = () => (shared ??= startFakeProviders());

/** A Graph token the fake accepts for `accountId`. */
export const graphTokenFor = (accountId: string, label = 'EAAB') => `${label}-${Math.random().toString(36).slice(2, 10)}-${accountId}`;
