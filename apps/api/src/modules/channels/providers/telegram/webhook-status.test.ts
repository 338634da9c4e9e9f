import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, twoOrganizations, type Org, type TestApp } from '../../../../../test/helpers/app.ts';

/** Telegram refuses a webhook URL that is not HTTPS — what an operator with an http PUBLIC_URL sees. */
const REFUSAL = 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook';

let t: TestApp;
let A: Org;
let server: Server;
let refuse = true;
const setWebhooks: { token: string; secret: string }[] = [];

/** A Bot API that knows every token (getMe) and refuses or accepts setWebhook on demand. */
async function startTelegram() {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const [, token, method] = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '') ?? [];
      const answer = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (method === 'getMe') return answer(200, { ok: true, result: { id: Number(token!.split(':')[0]), is_bot: true, first_name: 'Bot' } });
      if (method === 'setWebhook') {
        setWebhooks.push({ token: token!, secret: JSON.parse(raw).secret_token });
        return refuse ? answer(400, { ok: false, error_code: 400, description: REFUSAL }) : answer(200, { ok: true, result: true });
      }
      return answer(200, { ok: true, result: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  t = await buildTestApp({ PUBLIC_URL: 'http://127.0.0.1:9', TELEGRAM_API_URL: await startTelegram() });
  ({ A } = await twoOrganizations(t.app));
});
afterAll(async () => {
  await t.close();
  server.close();
});

describe('Telegram setWebhook outcome in channel.status', () => {
  test('a refused setWebhook shows as ERROR with Telegram\'s description; the next successful one clears it', async () => {
    refuse = true;
    const created = await A.ADMIN.post('/api/channels', { type: 'TELEGRAM', name: 'Bot', credentials: { botToken: '880001:first-token' } });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect(created.body.data.status).toMatchObject({ state: 'ERROR', error: expect.stringContaining(REFUSAL) });
    const got = (await A.AGENT.get(`/api/channels/${id}`)).body.data;
    expect(got.status).toMatchObject({ state: 'ERROR', error: expect.stringContaining(REFUSAL) });
    expect(Date.parse(got.status.checkedAt)).not.toBeNaN();

    // A new token, and Telegram accepts: OK, error gone.
    refuse = false;
    const fixed = await A.ADMIN.patch(`/api/channels/${id}`, { credentials: { botToken: '880001:second-token' } });
    expect(fixed.status).toBe(200);
    expect(fixed.body.data.status).toMatchObject({ state: 'OK', error: null });
    expect(setWebhooks.at(-1)!.token).toBe('880001:second-token');
  });

  test('saving a channel in ERROR tries again even with the same token; a new secret is registered too', async () => {
    refuse = true;
    const created = await A.ADMIN.post('/api/channels', { type: 'TELEGRAM', name: 'Bot 2', credentials: { botToken: '880002:token' } });
    const id = created.body.data.id as string;
    expect(created.body.data.status.state).toBe('ERROR');
    refuse = false;
    const calls = setWebhooks.length;
    // Only the name and a no-op credentials patch: the webhook is registered again because the last try failed.
    const again = await A.ADMIN.patch(`/api/channels/${id}`, { name: 'Bot 2b', credentials: { botToken: '880002:token' } });
    expect(again.status).toBe(200);
    expect(again.body.data.status).toMatchObject({ state: 'OK', error: null });
    expect(setWebhooks.length).toBe(calls + 1);
    // A changed secret must reach Telegram, or its updates would be refused with 401 from then on.
    const rotated = await A.ADMIN.patch(`/api/channels/${id}`, { credentials: { secretToken: 'a-new-secret_123' } });
    expect(rotated.status).toBe(200);
    expect(setWebhooks.at(-1)).toEqual({ token: '880002:token', secret: 'a-new-secret_123' });
  });

});
