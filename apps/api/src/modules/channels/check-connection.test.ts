import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, errorOf, signupActor, twoOrganizations, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { dovecotAvailable, startDovecot } from '../../../test/helpers/dovecot.ts';
import { graphTokenFor, sharedFakeProviders } from '../../../test/helpers/fake-providers.ts';
import { startSmtpSink } from '../../../test/helpers/smtp-sink.ts';

const available = await dovecotAvailable();

/** A port nothing listens on: an SMTP server that cannot be reached. */
async function closedPort() {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

let seq = 0;
const metaId = () => `${Date.now()}${++seq}`;
const botToken = (label = 'AAH') => `${Math.floor(Math.random() * 1e9)}${++seq}:${label}-check_${seq}`;

describe('POST /api/channels/check-connection (Meta, Telegram, website chat against the local fakes)', () => {
  let t: TestApp;
  let A: Org;
  let B: Org;
  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_FACTOR: '100' });
    ({ A, B } = await twoOrganizations(t.app));
  });
  afterAll(() => t.close());

  const check = (body: unknown) => A.ADMIN.post('/api/channels/check-connection', body);

  test('only an ADMIN may check: AGENT and VIEWER 403, no session 401', async () => {
    const body = { type: 'TELEGRAM', credentials: { botToken: botToken() } };
    expect((await A.AGENT.post('/api/channels/check-connection', body)).status).toBe(403);
    expect((await A.VIEWER.post('/api/channels/check-connection', body)).status).toBe(403);
    const anon = await t.app.inject({ method: 'POST', url: '/api/channels/check-connection', payload: body });
    expect(anon.statusCode).toBe(401);
  });

  test('tokens the provider accepts → {ok: true} for every bound type', async () => {
    const pageId = metaId();
    const accountId = metaId();
    const phoneNumberId = metaId();
    const cases = [
      { type: 'FACEBOOK', credentials: { pageId, accessToken: graphTokenFor(pageId) } },
      { type: 'INSTAGRAM', credentials: { accountId, accessToken: graphTokenFor(accountId) } },
      { type: 'WHATSAPP', credentials: { phoneNumberId, accessToken: graphTokenFor(phoneNumberId) } },
      { type: 'TELEGRAM', credentials: { botToken: botToken() } },
      { type: 'WEBSITE_CHAT', credentials: {} },
    ];
    for (const body of cases) {
      const res = await check(body);
      expect(res.status, body.type).toBe(200);
      expect(res.body).toEqual({ success: true, data: { ok: true } });
    }
  });

  test('a refused token → 200 {ok: false} with the provider\'s reason, not a 400', async () => {
    const pageId = metaId();
    const refused = await check({ type: 'FACEBOOK', credentials: { pageId, accessToken: `EAAB-INVALID-${pageId}` } });
    expect(refused.status).toBe(200);
    expect(refused.body.data).toEqual({ ok: false, error: 'Meta refused this access token for the Facebook page' });

    const otherPage = await check({ type: 'FACEBOOK', credentials: { pageId, accessToken: graphTokenFor(metaId()) } });
    expect(otherPage.body.data).toEqual({ ok: false, error: `This access token belongs to another Facebook page, not ${pageId}` });

    const phoneNumberId = metaId();
    const wa = await check({ type: 'WHATSAPP', credentials: { phoneNumberId, accessToken: graphTokenFor(metaId()) } });
    expect(wa.body.data.ok).toBe(false);
    expect(wa.body.data.error).toContain(phoneNumberId);

    const tg = await check({ type: 'TELEGRAM', credentials: { botToken: botToken('INVALID') } });
    expect(tg.body.data).toEqual({ ok: false, error: 'Telegram refused this bot token' });
  });

  test('an unavailable provider → {ok: false} saying so; no token in the reason', async () => {
    const fake = await sharedFakeProviders();
    const token = botToken();
    fake.failNext(503);
    const res = await check({ type: 'TELEGRAM', credentials: { botToken: token } });
    expect(res.status).toBe(200);
    expect(res.body.data.ok).toBe(false);
    expect(res.body.data.error).toMatch(/unavailable/i);
    expect(JSON.stringify(res.body)).not.toContain(token);
  });

  test('bad input → 400 envelope with the fields, as on create', async () => {
    const noType = errorOf(await check({ credentials: {} }));
    expect(noType.code).toBe('VALIDATION_ERROR');
    expect(noType.fields?.type).toBeDefined();
    const badCreds = await check({ type: 'FACEBOOK', credentials: { pageId: 'not-numeric' } });
    expect(badCreds.status).toBe(400);
    expect(Object.keys(errorOf(badCreds).fields ?? {})).toEqual(expect.arrayContaining(['credentials.pageId', 'credentials.accessToken']));
    expect((await check({ type: 'TELEGRAM', credentials: { botToken: botToken(), extra: 1 } })).status).toBe(400);
    expect((await check({ type: 'NOPE', credentials: {} })).status).toBe(400);
    expect((await check({ type: 'TELEGRAM', credentials: 'x' })).status).toBe(400);
  });

  test('EMAIL: a mail server on an internal address is refused by the outbound guard (400, nothing contacted)', async () => {
    const res = await check({
      type: 'EMAIL',
      credentials: { host: '127.0.0.1', port: 587, username: 'u', password: 'p', from: 'a@example.com', imapHost: '10.1.2.3', imapPort: 993 },
    });
    expect(res.status).toBe(400);
    expect(Object.keys(errorOf(res).fields ?? {})).toEqual(expect.arrayContaining(['credentials.host', 'credentials.imapHost']));
  });

  describe('POST /api/channels/[id]/check-connection', () => {
    test('checks the stored credentials and records the outcome as the channel\'s status', async () => {
      const pageId = metaId();
      const created = await A.ADMIN.post('/api/channels', { type: 'FACEBOOK', name: 'Page', credentials: { pageId, accessToken: graphTokenFor(pageId) } });
      expect(created.status).toBe(201);
      const id = created.body.data.id;
      const res = await A.ADMIN.post(`/api/channels/${id}/check-connection`);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ ok: true });
      const status = (await A.ADMIN.get(`/api/channels/${id}`)).body.data.status;
      expect(status).toEqual({ state: 'OK', error: null, checkedAt: expect.any(String) });

      // Unsaved edits are merged in and checked, but neither stored nor recorded.
      const edit = await A.ADMIN.post(`/api/channels/${id}/check-connection`, { credentials: { accessToken: `EAAB-INVALID-${pageId}` } });
      expect(edit.body.data).toEqual({ ok: false, error: 'Meta refused this access token for the Facebook page' });
      const after = (await A.ADMIN.get(`/api/channels/${id}`)).body.data;
      expect(after.status.state).toBe('OK');
      expect((await A.ADMIN.post(`/api/channels/${id}/check-connection`, {})).body.data).toEqual({ ok: true });

      const badEdit = await A.ADMIN.post(`/api/channels/${id}/check-connection`, { credentials: { pageId: 'x' } });
      expect(badEdit.status).toBe(400);
      expect(errorOf(badEdit).fields?.['credentials.pageId']).toBeDefined();
      expect((await A.ADMIN.post(`/api/channels/${id}/check-connection`, { credentials: { pageId }, other: 1 })).status).toBe(400);
    });

    test('a refused stored token becomes status ERROR with the reason', async () => {
      const token = botToken();
      const created = await A.ADMIN.post('/api/channels', { type: 'TELEGRAM', name: 'Bot', credentials: { botToken: token } });
      expect(created.status).toBe(201);
      const fake = await sharedFakeProviders();
      fake.failNext(502);
      const res = await A.ADMIN.post(`/api/channels/${created.body.data.id}/check-connection`);
      expect(res.body.data.ok).toBe(false);
      const status = (await A.ADMIN.get(`/api/channels/${created.body.data.id}`)).body.data.status;
      expect(status).toMatchObject({ state: 'ERROR', error: res.body.data.error });
    });

    test('another organization\'s channel is 404; AGENT/VIEWER 403; a website chat answers ok without a status', async () => {
      const created = await A.ADMIN.post('/api/channels', { type: 'WEBSITE_CHAT', name: 'Site', credentials: {} });
      const id = created.body.data.id;
      expect((await B.ADMIN.post(`/api/channels/${id}/check-connection`)).status).toBe(404);
      expect((await A.AGENT.post(`/api/channels/${id}/check-connection`)).status).toBe(403);
      expect((await A.VIEWER.post(`/api/channels/${id}/check-connection`)).status).toBe(403);
      expect((await A.ADMIN.post('/api/channels/nope/check-connection')).status).toBe(404);
      const res = await A.ADMIN.post(`/api/channels/${id}/check-connection`);
      expect(res.body.data).toEqual({ ok: true });
      expect((await A.ADMIN.get(`/api/channels/${id}`)).body.data.status).toBeNull();
    });
  });
});

describe('check-connection is rate-limited', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_FACTOR: '0.1' });
  });
  afterAll(() => t.close());

  test('past its budget → 429 envelope', async () => {
    const admin = await signupActor(t.app, 'check-limit');
    const body = { type: 'WEBSITE_CHAT', credentials: {} };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await admin.post('/api/channels/check-connection', body)).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect(errorOf(await admin.post('/api/channels/check-connection', body)).code).toBe('RATE_LIMITED');
  });
});

describe.runIf(available)('EMAIL check-connection against real Dovecot (IMAP) and an SMTP server', () => {
  let t: TestApp;
  let dovecot: Awaited<ReturnType<typeof startDovecot>>;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let deadPort: number;
  let A: Org;
  beforeAll(async () => {
    dovecot = await startDovecot();
    sink = await startSmtpSink();
    deadPort = await closedPort();
    t = await buildTestApp({ RATE_LIMIT_FACTOR: '100', OUTBOUND_ALLOW: `127.0.0.1:${dovecot.port},127.0.0.1:${sink.port},127.0.0.1:${deadPort}` });
    ({ A } = await twoOrganizations(t.app));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await sink?.close();
    await dovecot?.stop();
  });

  const creds = (over: Record<string, unknown> = {}) => ({
    host: '127.0.0.1', port: sink.port, secure: false, username: dovecot.user, password: dovecot.password, from: dovecot.user,
    imapHost: '127.0.0.1', imapPort: dovecot.port, imapSecure: false, ...over,
  });

  test('SMTP and IMAP both accept → {ok: true}', async () => {
    const res = await A.ADMIN.post('/api/channels/check-connection', { type: 'EMAIL', credentials: creds() });
    expect(res.body).toEqual({ success: true, data: { ok: true } });
  });

  test('a wrong password → IMAP refuses the login, with a reason', async () => {
    const res = await A.ADMIN.post('/api/channels/check-connection', { type: 'EMAIL', credentials: creds({ password: 'wrong-password' }) });
    expect(res.status).toBe(200);
    expect(res.body.data.ok).toBe(false);
    expect(res.body.data.error).toMatch(/^IMAP: /);
    expect(res.body.data.error).not.toContain('wrong-password');
  });

  test('an unreachable SMTP server → {ok: false, "SMTP: …"}', async () => {
    const res = await A.ADMIN.post('/api/channels/check-connection', { type: 'EMAIL', credentials: creds({ port: deadPort }) });
    expect(res.body.data.ok).toBe(false);
    expect(res.body.data.error).toMatch(/^SMTP: /);
  });

  test('a stored channel with a new password checked before saving', async () => {
    const created = await A.ADMIN.post('/api/channels', { type: 'EMAIL', name: 'Mail', credentials: creds() });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    expect((await A.ADMIN.post(`/api/channels/${id}/check-connection`)).body.data).toEqual({ ok: true });
    const edit = await A.ADMIN.post(`/api/channels/${id}/check-connection`, { credentials: { password: 'nope' } });
    expect(edit.body.data.error).toMatch(/^IMAP: /);
  });
});
