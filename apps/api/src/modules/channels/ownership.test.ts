import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../config.ts';
import { channels } from '../../db/schema/index.ts';
import { repoRoot } from '../../paths.ts';
import { buildTestApp, errorOf, signupActor, twoOrganizations, type Actor, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { rows } from '../../../test/helpers/database.ts';
import { graphTokenFor, sharedFakeProviders, type FakeProviders } from '../../../test/helpers/fake-providers.ts';
import { insertChannel } from '../../../test/helpers/fixtures.ts';
import { decryptCredentials } from './credentials-crypto.ts';

let t: TestApp;
let A: Org;
let B: Org;
let fake: FakeProviders;
beforeAll(async () => {
  fake = await sharedFakeProviders();
  t = await buildTestApp();
  ({ A, B } = await twoOrganizations(t.app));
});
afterAll(() => t.close());

let seq = 0;
/** A numeric Meta id no other test in this file uses. */
const freshId = () => `${Date.now()}${(seq++).toString().padStart(3, '0')}`;
const fb = (pageId: string, accessToken = graphTokenFor(pageId), extra: Record<string, unknown> = {}) =>
  ({ type: 'FACEBOOK', name: 'Page', credentials: { pageId, accessToken, ...extra } });
const ig = (accountId: string, accessToken = graphTokenFor(accountId)) => ({ type: 'INSTAGRAM', name: 'IG', credentials: { accountId, accessToken } });
const wa = (phoneNumberId: string, accessToken = graphTokenFor(phoneNumberId)) => ({ type: 'WHATSAPP', name: 'WA', credentials: { phoneNumberId, accessToken } });
const tg = (botToken: string) => ({ type: 'TELEGRAM', name: 'Bot', credentials: { botToken } });
const channelCount = async () => (await rows<{ n: number }>(t.app.db, sql`select count(*)::int as n from channels`))[0]!.n;
const created = async (as: Actor, body: Record<string, unknown>) => {
  const res = await as.post('/api/channels', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data as { id: string };
};

describe('configuration', () => {
  test('META_GRAPH_URL and TELEGRAM_API_URL default to the providers and drop a trailing slash', () => {
    expect(loadConfig({})).toMatchObject({ META_GRAPH_URL: 'https://graph.facebook.com/v21.0', TELEGRAM_API_URL: 'https://api.telegram.org' });
    expect(loadConfig({ META_GRAPH_URL: 'http://127.0.0.1:4010/graph/', TELEGRAM_API_URL: 'http://127.0.0.1:4010/telegram//' }))
      .toMatchObject({ META_GRAPH_URL: 'http://127.0.0.1:4010/graph', TELEGRAM_API_URL: 'http://127.0.0.1:4010/telegram' });
    expect(() => loadConfig({ META_GRAPH_URL: 'graph.facebook.com' })).toThrow(/META_GRAPH_URL/);
    expect(() => loadConfig({ TELEGRAM_API_URL: 'ftp://api.telegram.org' })).toThrow(/TELEGRAM_API_URL/);
  });
});

describe('connecting verifies the token owns the account (CONTRACT §10)', () => {
  test('each type with a token the provider accepts for that account → 201; the token went to the provider, not the URL', async () => {
    const page = freshId();
    const token = graphTokenFor(page);
    const before = fake.requests.length;
    await created(A.ADMIN, fb(page, token));
    const call = fake.requests.slice(before).find((r) => r.path === '/graph/me');
    expect(call?.authorization).toBe(`Bearer ${token}`);
    await created(A.ADMIN, ig(freshId()));
    await created(A.ADMIN, wa(freshId()));
    await created(A.ADMIN, tg(`${freshId()}:AAH-ok_token`));
  });

  test('attack (b): a channel naming another organization\'s page with one\'s own token → 400, nothing stored', async () => {
    const victimPage = freshId();
    await created(A.ADMIN, fb(victimPage));
    const before = await channelCount();
    const ownPageToken = graphTokenFor(freshId());
    for (const body of [fb(victimPage, ownPageToken), ig(victimPage, ownPageToken), wa(victimPage, ownPageToken)]) {
      const res = await B.ADMIN.post('/api/channels', body);
      expect(res.status, body.type).toBe(400);
      expect(errorOf(res)).toMatchObject({ code: 'VALIDATION_ERROR', fields: { 'credentials.accessToken': [expect.any(String)] } });
      expect(res.raw.body).not.toContain(ownPageToken);
    }
    expect(await channelCount()).toBe(before);
  });

  test('a refused token → 400 on credentials.accessToken / credentials.botToken, nothing stored', async () => {
    const before = await channelCount();
    const page = freshId();
    for (const [body, field] of [
      [fb(page, `EAAB-INVALID-${page}`), 'credentials.accessToken'],
      [ig(page, `EAAB-INVALID-${page}`), 'credentials.accessToken'],
      [wa(page, 'EAAB-INVALID'), 'credentials.accessToken'],
      [fb(page, 'EAAB-no-account-id'), 'credentials.accessToken'],
      [tg('123456:INVALID-token'), 'credentials.botToken'],
    ] as const) {
      const res = await A.ADMIN.post('/api/channels', body);
      expect(res.status, body.type).toBe(400);
      expect(errorOf(res).fields, body.type).toHaveProperty([field]);
    }
    expect(await channelCount()).toBe(before);
  });

  test('the provider failing (5xx) → 502 UPSTREAM_ERROR, nothing stored', async () => {
    const before = await channelCount();
    fake.failNext(503);
    const res = await A.ADMIN.post('/api/channels', fb(freshId()));
    expect(res.status).toBe(502);
    expect(errorOf(res).code).toBe('UPSTREAM_ERROR');
    fake.failNext(500);
    const bot = await A.ADMIN.post('/api/channels', tg(`${freshId()}:AAH-token`));
    expect(bot.status).toBe(502);
    expect(errorOf(bot).code).toBe('UPSTREAM_ERROR');
    expect(await channelCount()).toBe(before);
  });

  test('an unreachable provider → 502 UPSTREAM_ERROR naming no token or URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const other = await buildTestApp({ META_GRAPH_URL: `http://127.0.0.1:${port}/graph`, TELEGRAM_API_URL: `http://127.0.0.1:${port}/telegram` });
    try {
      const admin = await signupActor(other.app);
      const token = graphTokenFor('4242');
      for (const body of [fb('4242', token), tg('4242:AAH-secret-bot')]) {
        const res = await admin.post('/api/channels', body);
        expect(res.status).toBe(502);
        expect(errorOf(res).code).toBe('UPSTREAM_ERROR');
        expect(res.raw.body).not.toContain(token);
        expect(res.raw.body).not.toContain('AAH-secret-bot');
        expect(res.raw.body).not.toContain(String(port));
      }
    } finally {
      await other.close();
    }
  });
});

describe('one account id per installation', () => {
  test('the same page, Instagram account, phone number or bot again → 409, in the same or another organization', async () => {
    const page = freshId();
    const account = freshId();
    const phone = freshId();
    const bot = freshId();
    await created(A.ADMIN, fb(page));
    await created(A.ADMIN, ig(account));
    await created(A.ADMIN, wa(phone));
    await created(A.ADMIN, tg(`${bot}:AAH-first`));
    const before = await channelCount();
    for (const as of [A.ADMIN, B.ADMIN]) {
      for (const body of [fb(page), ig(account), wa(phone), tg(`${bot}:AAH-second-token`)]) {
        const res = await as.post('/api/channels', body);
        expect(res.status, `${body.type} as ${as.organizationId}`).toBe(409);
        expect(errorOf(res).code).toBe('CONFLICT');
        expect(res.raw.body).not.toContain(A.ADMIN.organizationId);
      }
    }
    expect(await channelCount()).toBe(before);
    // Ids are per type: a page id equal to a phone number id is another account.
    await created(B.ADMIN, fb(phone));
  });

  test('two concurrent connections of one page: exactly one wins, the other is 409', async () => {
    const page = freshId();
    const results = await Promise.all([A.ADMIN.post('/api/channels', fb(page)), B.ADMIN.post('/api/channels', fb(page))]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const owners = await t.app.db.select().from(channels).where(eq(channels.accountId, page));
    expect(owners).toHaveLength(1);
  });

  test('PATCH: moving to a taken account → 409; to a refused token → 400; nothing changes; a verified move frees the old account', async () => {
    const taken = freshId();
    await created(A.ADMIN, fb(taken));
    const mine = freshId();
    const channel = await created(B.ADMIN, fb(mine));
    const stored = async () => (await t.app.db.select().from(channels).where(eq(channels.id, channel.id)))[0]!;
    const before = await stored();
    expect(before.accountId).toBe(mine);

    const conflict = await B.ADMIN.patch(`/api/channels/${channel.id}`, { credentials: { pageId: taken, accessToken: graphTokenFor(taken) } });
    expect(conflict.status).toBe(409);
    expect(errorOf(conflict).code).toBe('CONFLICT');
    const refused = await B.ADMIN.patch(`/api/channels/${channel.id}`, { credentials: { accessToken: 'EAAB-INVALID' } });
    expect(refused.status).toBe(400);
    expect(errorOf(refused).fields).toHaveProperty(['credentials.accessToken']);
    // A new page id with the old page's token: the token is not that page's.
    const wrongToken = await B.ADMIN.patch(`/api/channels/${channel.id}`, { credentials: { pageId: freshId() } });
    expect(wrongToken.status).toBe(400);
    expect(await stored()).toEqual(before);

    const moved = freshId();
    const ok = await B.ADMIN.patch(`/api/channels/${channel.id}`, { name: 'Moved', credentials: { pageId: moved, accessToken: graphTokenFor(moved) } });
    expect(ok.status).toBe(200);
    expect(ok.body.data.credentials.pageId).toBe(moved);
    expect((await stored()).accountId).toBe(moved);
    await created(A.ADMIN, fb(mine));
  });

  test('PATCH while the provider is asked: a concurrent edit of other credentials is kept, one of the account is a 409', async () => {
    const page = freshId();
    const channel = await created(A.ADMIN, fb(page));
    const url = `/api/channels/${channel.id}`;
    const newToken = graphTokenFor(page, 'rotated');
    fake.delayNext(400);
    const slow = A.ADMIN.patch(url, { credentials: { accessToken: newToken } });
    await new Promise((r) => setTimeout(r, 100));
    expect((await A.ADMIN.patch(url, { credentials: { verifyToken: 'set-meanwhile' } })).status).toBe(200);
    expect((await slow).status).toBe(200);
    const row = (await t.app.db.select().from(channels).where(eq(channels.id, channel.id)))[0]!;
    expect(decryptCredentials(t.app.crypto, row)).toMatchObject({ pageId: page, accessToken: newToken, verifyToken: 'set-meanwhile' });

    const moved = freshId();
    fake.delayNext(400);
    const stale = A.ADMIN.patch(url, { credentials: { accessToken: graphTokenFor(page, 'again') } });
    await new Promise((r) => setTimeout(r, 100));
    expect((await A.ADMIN.patch(url, { credentials: { pageId: moved, accessToken: graphTokenFor(moved) } })).status).toBe(200);
    const res = await stale;
    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe('CONFLICT');
    expect((await t.app.db.select().from(channels).where(eq(channels.id, channel.id)))[0]!.accountId).toBe(moved);
  });

  test('PATCH without a credentials change asks no provider', async () => {
    const channel = await created(A.ADMIN, fb(freshId()));
    const before = fake.requests.length;
    fake.failNext(503);
    const res = await A.ADMIN.patch(`/api/channels/${channel.id}`, { name: 'Renamed', credentials: { verifyToken: 'new-verify-token' } });
    expect(res.status).toBe(200);
    expect(fake.requests.length).toBe(before);
    // The forced failure is still pending: the next check meets it.
    expect((await A.ADMIN.post('/api/channels', fb(freshId()))).status).toBe(502);
  });
});

describe('migration backfill', () => {
  test('fills account_id from the summary for the oldest channel per (type, account id) and leaves duplicates null', async () => {
    const sqlText = await readFile(path.join(repoRoot, 'drizzle', '0003_account_ownership.sql'), 'utf8');
    const backfill = sqlText.split('--> statement-breakpoint').find((s) => /UPDATE "channels"/.test(s))!;
    const org = A.ADMIN.organizationId;
    const page = freshId();
    const phone = freshId();
    const legacy = async (type: 'FACEBOOK' | 'WHATSAPP' | 'EMAIL', summary: Record<string, unknown>, createdAt: string) =>
      (await insertChannel(t.app.db, { organizationId: org, type, credentialsSummary: summary, accountId: null, createdAt: new Date(createdAt) })).id;
    const newer = await legacy('FACEBOOK', { pageId: page }, '2026-02-01T00:00:00Z');
    const oldest = await legacy('FACEBOOK', { pageId: page }, '2026-01-01T00:00:00Z');
    const number = await legacy('WHATSAPP', { phoneNumberId: phone }, '2026-01-01T00:00:00Z');
    const mail = await legacy('EMAIL', { host: 'smtp.example.com' }, '2026-01-01T00:00:00Z');
    await t.app.db.execute(sql.raw(backfill));
    const accountOf = async (id: string) => (await t.app.db.select().from(channels).where(eq(channels.id, id)))[0]!.accountId;
    expect(await accountOf(oldest)).toBe(page);
    expect(await accountOf(newer)).toBeNull();
    expect(await accountOf(number)).toBe(phone);
    expect(await accountOf(mail)).toBeNull();
  });

  test('the test fixture fills account_id from the summary', async () => {
    const page = freshId();
    const row = await insertChannel(t.app.db, { organizationId: A.ADMIN.organizationId, type: 'FACEBOOK', credentialsSummary: { pageId: page } });
    expect(row.accountId).toBe(page);
  });
});
