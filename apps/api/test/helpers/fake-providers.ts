import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Graph API and the Telegram Bot API, answering the ownership checks the way the
 * contract suite's fake does (/work/shared/contract/fakes/messaging.mjs):
 * - a Graph token belongs to the account whose id follows its last "-"; one containing INVALID is refused
 *   (401, OAuthException code 190); `GET /me` answers `{id, name}`; `GET /<phoneNumberId>?fields=…` answers 200
 *   only for that number's token;
 * - a Telegram token shaped `<digits>:<[A-Za-z0-9_-]+>` without INVALID is a bot whose id is the digits.
 * - sends: Messenger/Instagram `POST /me/messages` → `{recipient_id, message_id}`, WhatsApp `POST /<id>/messages` →
 *   `messages[0].id`; Telegram `sendMessage`/`sendPhoto`/`sendDocument` → `result.message_id`, `setWebhook`,
 *   `deleteWebhook`, `getFile` + `/telegram/file/bot<token>/<path>`; Graph media `GET /<mediaId>` + `/_media/<id>`;
 * - markers in the text sent, like the contract's fake: `OUTSIDE_WINDOW` (Graph 400 code 10/2018278, WhatsApp
 *   131047), `TRANSIENT_ONCE` (first time: Graph 503 `is_transient`, Telegram 429 `retry_after`), `BLOCKED_BY_USER`
 *   (Telegram 403).
 * `failNext(status)` makes the next request(s) answer that status, for provider outages; `delayNext(ms)` slows one down.
 */
export interface FakeProviders {
  graphUrl: string;
  telegramUrl: string;
  /** Every request received, oldest first (the Authorization header shows how a token was sent). */
  requests: { provider: 'graph' | 'telegram'; method: string; path: string; authorization?: string; body?: any; answer?: any }[];
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
/** A 1×1 PNG: what the fake serves for every media id and Telegram photo. */
export const FAKE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

export async function startFakeProviders(): Promise<FakeProviders> {
  const requests: FakeProviders['requests'] = [];
  let failures: number[] = [];
  let base = '';
  let delay = 0;

  let seq = 0;
  const transientSeen = new Set<string>();
  /** True the first time `text` carries TRANSIENT_ONCE. */
  const transientOnce = (text: string) => text.includes('TRANSIENT_ONCE') && !transientSeen.has(text) && !!transientSeen.add(text);

  function graphSend(res: ServerResponse, segs: string[], body: any) {
    if (body?.messaging_product === 'whatsapp') {
      const text = String(body?.text?.body ?? '');
      if (text.includes('OUTSIDE_WINDOW')) return graphError(res, 400, '(#131047) Re-engagement message', 131047);
      if (transientOnce(text)) return json(res, 503, { error: { message: 'Service temporarily unavailable', code: 2, is_transient: true } });
      return json(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.fake${++seq}` }] });
    }
    if (segs[0] !== 'me') return graphError(res, 400, 'Unsupported post request (fake Graph API)', 100);
    const text = String(body?.message?.text ?? '');
    if (text.includes('OUTSIDE_WINDOW')) {
      return json(res, 400, { error: { message: '(#10) This message is sent outside of allowed window.', type: 'OAuthException', code: 10, error_subcode: 2018278 } });
    }
    if (transientOnce(text)) return json(res, 503, { error: { message: 'Service temporarily unavailable', code: 2, is_transient: true } });
    return json(res, 200, { recipient_id: body?.recipient?.id, message_id: `m_fake${++seq}` });
  }

  function graph(req: IncomingMessage, res: ServerResponse, url: URL, body: any) {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = url.searchParams.get('access_token') ?? bearer ?? '';
    if (!token || token.includes('INVALID')) return graphError(res, 401, 'Invalid OAuth access token - Cannot parse access token', 190);
    const owner = /-(\d+)$/.exec(token)?.[1];
    const segs = url.pathname.split('/').filter(Boolean).slice(1);
    if (req.method === 'POST' && segs.length === 2 && segs[1] === 'messages') return graphSend(res, segs, body);
    if (req.method === 'GET' && segs[0] === '_media' && segs.length === 2) {
      res.writeHead(200, { 'content-type': 'image/png' });
      return res.end(FAKE_PNG);
    }
    if (req.method === 'GET' && segs.length === 1 && segs[0]!.startsWith('media')) {
      return json(res, 200, { messaging_product: 'whatsapp', url: `${base}/graph/_media/${segs[0]}`, mime_type: 'image/png', file_size: FAKE_PNG.length, id: segs[0] });
    }
    if (req.method !== 'GET' || segs.length !== 1) return graphError(res, 400, 'Unsupported request (fake Graph API)', 100);
    if (segs[0] === 'me') {
      if (!owner) return graphError(res, 400, 'An active access token must be used to query information about the current user.', 2500);
      return json(res, 200, { id: owner, name: `Fake Page ${owner}` });
    }
    if (owner !== segs[0]) return graphError(res, 400, `Unsupported get request. Object with ID '${segs[0]}' does not exist`, 100);
    return json(res, 200, { id: segs[0], display_phone_number: '+1 555-010-0000' });
  }

  function telegram(res: ServerResponse, url: URL, body: any) {
    if (/^\/telegram\/file\/bot[^/]+\/.+$/.test(url.pathname)) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return res.end(FAKE_PNG);
    }
    const m = /^\/telegram\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!m) return json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const token = decodeURIComponent(m[1]!);
    if (!TG_TOKEN.test(token) || token.includes('INVALID')) return json(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const ok = (result: unknown) => json(res, 200, { ok: true, result });
    const method = m[2]!.toLowerCase();
    if (method === 'getme') return ok({ id: Number(token.split(':')[0]), is_bot: true, first_name: 'Fake Bot', username: 'fake_bot' });
    if (method === 'setwebhook') {
      if (body?.secret_token !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(String(body.secret_token))) {
        return json(res, 400, { ok: false, error_code: 400, description: 'Bad Request: secret token contains unallowed characters' });
      }
      return ok(true);
    }
    if (method === 'deletewebhook') return ok(true);
    if (method === 'getfile') return ok({ file_id: body?.file_id, file_unique_id: 'u', file_size: FAKE_PNG.length, file_path: `photos/${body?.file_id}.png` });
    if (method === 'sendmessage' || method === 'sendphoto' || method === 'senddocument') {
      const text = String(body?.text ?? body?.caption ?? '');
      if (text.includes('BLOCKED_BY_USER')) return json(res, 403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
      if (transientOnce(text)) return json(res, 429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
      return ok({ message_id: ++seq, date: Math.floor(Date.now() / 1000), chat: { id: Number(body?.chat_id), type: 'private' }, text });
    }
    return json(res, 400, { ok: false, error_code: 400, description: 'Bad Request (fake)' });
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const provider = url.pathname.startsWith('/telegram/') ? 'telegram' : 'graph';
    const record: FakeProviders['requests'][number] = { provider, method: req.method ?? 'GET', path: url.pathname, authorization: req.headers.authorization };
    requests.push(record);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    const wait = delay;
    delay = 0;
    req.on('end', () => setTimeout(() => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: any;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      record.body = body;
      const end = res.end.bind(res);
      res.end = ((chunk?: unknown, ...rest: unknown[]) => {
        if (typeof chunk === 'string') record.answer = JSON.parse(chunk);
        return (end as (...a: unknown[]) => ServerResponse)(chunk, ...rest);
      }) as typeof res.end;
      const forced = failures.shift();
      if (forced) return json(res, forced, provider === 'graph' ? { error: { message: 'Fake outage', code: 2, is_transient: true } } : { ok: false, error_code: forced, description: 'Fake outage' });
      return provider === 'graph' ? graph(req, res, url, body) : telegram(res, url, body);
    }, wait));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
