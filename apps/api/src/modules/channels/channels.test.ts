import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp, loggerOptions } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { channels, conversations } from '../../db/schema/index.ts';
import { keyIdOf } from '../../lib/crypto.ts';
import { buildTestApp, client, errorOf, signupActor, twoOrganizations, type Actor, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { createTestDatabase, rows } from '../../../test/helpers/database.ts';
import { graphTokenFor } from '../../../test/helpers/fake-providers.ts';
import { decryptCredentials } from './credentials-crypto.ts';

let t: TestApp;
let A: Org;
let B: Org;
beforeAll(async () => {
  t = await buildTestApp();
  ({ A, B } = await twoOrganizations(t.app));
});
afterAll(() => t.close());

const secretOf = (label: string) => `${label}-${randomBytes(6).toString('hex')}`;

const emailCreds = () => ({
  host: 'smtp.example.com',
  port: 587,
  username: 'support',
  password: secretOf('smtp-password'),
  from: 'support@example.com',
  secure: false,
  imapHost: 'imap.example.com',
  imapPort: 993,
});

const websiteBody = {
  type: 'WEBSITE_CHAT',
  name: 'Website Chat',
  region: 'eu',
  defaultLanguage: 'en',
  autoTranslate: true,
  translateToLanguage: 'en',
  fallbackLanguage: 'sl',
  aiProviderId: 'PROVIDER_ID',
  credentials: {},
  responseTemplate: {},
  autoReply: false,
  autoApprove: false,
  autoEnhance: false,
};

async function createChannel(as: Actor, body: Record<string, unknown>) {
  const res = await as.post('/api/channels', body);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { id: string; [k: string]: unknown };
}
const website = (as: Actor, name = 'Website Chat') => createChannel(as, { ...websiteBody, name });
const email = async (as: Actor) => {
  const credentials = emailCreds();
  return { channel: await createChannel(as, { type: 'EMAIL', name: 'Support email', credentials }), credentials };
};
const storedRow = async (app: TestApp['app'], id: string) => (await app.db.select().from(channels).where(eq(channels.id, id)))[0]!;

describe('POST /api/channels', () => {
  test('the reference\'s verified WEBSITE_CHAT body → 201 with the full channel', async () => {
    const res = await A.ADMIN.post('/api/channels', websiteBody);
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({
      id: expect.any(String),
      type: 'WEBSITE_CHAT',
      name: 'Website Chat',
      region: 'eu',
      defaultLanguage: 'en',
      autoTranslate: true,
      translateToLanguage: 'en',
      fallbackLanguage: 'sl',
      aiProviderId: 'PROVIDER_ID',
      credentials: {},
      responseTemplate: {},
      autoReply: false,
      autoApprove: false,
      autoEnhance: false,
      widgetConfig: expect.objectContaining({ channelId: res.body.data.id, color: '#2563eb' }),
      status: null,
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: expect.stringMatching(/Z$/),
    });
  });

  test('defaults apply to a minimal body', async () => {
    const res = await A.ADMIN.post('/api/channels', { type: 'WEBSITE_CHAT', name: 'Minimal', credentials: {} });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      region: null, defaultLanguage: 'en', autoTranslate: true, translateToLanguage: null, fallbackLanguage: null,
      aiProviderId: null, responseTemplate: {}, autoReply: false, autoApprove: false, autoEnhance: false,
    });
  });

  test('each type with valid credentials → 201; the summary shows non-secret fields and has<Secret> flags only', async () => {
    const cases = [
      { type: 'EMAIL', credentials: emailCreds(), summary: { host: 'smtp.example.com', port: 587, username: 'support', from: 'support@example.com', secure: false, imapHost: 'imap.example.com', imapPort: 993, hasPassword: true } },
      { type: 'FACEBOOK', credentials: { pageId: '1234567890', accessToken: graphTokenFor('1234567890', secretOf('fb-token')), appSecret: secretOf('fb-app') }, summary: { pageId: '1234567890', hasAccessToken: true, hasAppSecret: true, hasVerifyToken: false } },
      { type: 'INSTAGRAM', credentials: { accountId: '17841400000000', accessToken: graphTokenFor('17841400000000', secretOf('ig-token')) }, summary: { accountId: '17841400000000', hasAccessToken: true, hasAppSecret: false, hasVerifyToken: false } },
      { type: 'WHATSAPP', credentials: { phoneNumberId: '1098765432', accessToken: graphTokenFor('1098765432', secretOf('wa-token')), verifyToken: secretOf('wa-verify') }, summary: { phoneNumberId: '1098765432', hasAccessToken: true, hasAppSecret: false, hasVerifyToken: true } },
      { type: 'TELEGRAM', credentials: { botToken: `123456:${secretOf('AAbot')}`, secretToken: secretOf('tg_secret') }, summary: { hasBotToken: true, hasSecretToken: true } },
      { type: 'WEBSITE_CHAT', credentials: {}, summary: {} },
    ];
    for (const c of cases) {
      const res = await A.ADMIN.post('/api/channels', { type: c.type, name: `${c.type} channel`, credentials: c.credentials });
      expect(res.status, c.type).toBe(201);
      expect(res.body.data.credentials, c.type).toEqual(c.summary);
      for (const [field, value] of Object.entries(c.credentials)) {
        if (/password|token|secret/i.test(field)) expect(res.raw.body, `${c.type}.${field}`).not.toContain(String(value));
      }
    }
  });

  test('ADMIN only: AGENT and VIEWER get 403 and nothing is created', async () => {
    const before = (await A.ADMIN.get('/api/channels?pageSize=100')).body.data.pagination.total;
    for (const role of ['AGENT', 'VIEWER'] as const) {
      const res = await A[role].post('/api/channels', { ...websiteBody, name: `by ${role}` });
      expect(res.status).toBe(403);
      expect(errorOf(res).code).toBe('FORBIDDEN');
    }
    expect((await A.ADMIN.get('/api/channels?pageSize=100')).body.data.pagination.total).toBe(before);
  });

  test('401 without a session', async () => {
    expect((await client(t.app).post('/api/channels', websiteBody)).status).toBe(401);
  });

  const invalid: [string, Record<string, unknown>, string[]][] = [
    ['missing type', { name: 'x', credentials: {} }, ['type']],
    ['unknown type', { type: 'SMS', name: 'x', credentials: {} }, ['type']],
    ['empty name', { type: 'WEBSITE_CHAT', name: '  ', credentials: {} }, ['name']],
    ['missing credentials', { type: 'WEBSITE_CHAT', name: 'x' }, ['credentials']],
    ['credentials not an object', { type: 'WEBSITE_CHAT', name: 'x', credentials: 'secret' }, ['credentials']],
    ['unknown top-level field', { type: 'WEBSITE_CHAT', name: 'x', credentials: {}, organizationId: 'other' }, ['organizationId']],
    ['wrong flag type', { type: 'WEBSITE_CHAT', name: 'x', credentials: {}, autoReply: 'yes' }, ['autoReply']],
    ['responseTemplate not an object', { type: 'WEBSITE_CHAT', name: 'x', credentials: {}, responseTemplate: [1] }, ['responseTemplate']],
    ['EMAIL without host', { type: 'EMAIL', name: 'x', credentials: { ...emailCreds(), host: undefined } }, ['credentials.host']],
    ['EMAIL bad port and from', { type: 'EMAIL', name: 'x', credentials: { ...emailCreds(), port: 70000, from: 'not-an-email' } }, ['credentials.port', 'credentials.from']],
    ['EMAIL bad host, imapPort', { type: 'EMAIL', name: 'x', credentials: { ...emailCreds(), host: 'smtp example.com', imapPort: 0 } }, ['credentials.host', 'credentials.imapPort']],
    ['EMAIL loopback SMTP host (§8.6)', { type: 'EMAIL', name: 'x', credentials: { ...emailCreds(), host: '127.0.0.2' } }, ['credentials.host']],
    ['EMAIL unspecified SMTP host (§8.6)', { type: 'EMAIL', name: 'x', credentials: { ...emailCreds(), host: '0.0.0.0' } }, ['credentials.host']],
    ['EMAIL private SMTP host in octal (§8.6)', { type: 'EMAIL', name: 'x', credentials: { ...emailCreds(), host: '012.0.0.1' } }, ['credentials.host']],
    ['EMAIL SMTP port not for mail (§8.6)', { type: 'EMAIL', name: 'x', credentials: { ...emailCreds(), port: 6379 } }, ['credentials.port']],
    ['EMAIL loopback IMAP host (§8.6)', { type: 'EMAIL', name: 'x', credentials: { ...emailCreds(), imapHost: '127.0.0.3' } }, ['credentials.imapHost']],
    ['EMAIL IMAP port not for mail (§8.6)', { type: 'EMAIL', name: 'x', credentials: { ...emailCreds(), imapPort: 587 } }, ['credentials.imapPort']],
    ['EMAIL unknown credential field', { type: 'EMAIL', name: 'x', credentials: { ...emailCreds(), smtpHost: 'x' } }, ['credentials.smtpHost']],
    ['FACEBOOK without accessToken', { type: 'FACEBOOK', name: 'x', credentials: { pageId: '123' } }, ['credentials.accessToken']],
    ['FACEBOOK non-numeric page id', { type: 'FACEBOOK', name: 'x', credentials: { pageId: 'my page', accessToken: 'abc' } }, ['credentials.pageId']],
    ['INSTAGRAM without accountId', { type: 'INSTAGRAM', name: 'x', credentials: { accessToken: 'abc' } }, ['credentials.accountId']],
    ['WHATSAPP without phoneNumberId', { type: 'WHATSAPP', name: 'x', credentials: { accessToken: 'abc' } }, ['credentials.phoneNumberId']],
    ['TELEGRAM malformed botToken', { type: 'TELEGRAM', name: 'x', credentials: { botToken: 'not a token' } }, ['credentials.botToken']],
    ['WEBSITE_CHAT with credentials', { type: 'WEBSITE_CHAT', name: 'x', credentials: { apiKey: 'x' } }, ['credentials.apiKey']],
    ['several at once', { type: 'EMAIL', name: '', credentials: { port: 'smtp' } }, ['name', 'credentials.host', 'credentials.port', 'credentials.password']],
  ];
  test.each(invalid)('%s → 400 VALIDATION_ERROR naming the fields', async (_label, body, fields) => {
    const res = await A.ADMIN.post('/api/channels', body);
    expect(res.status).toBe(400);
    const err = errorOf(res);
    expect(err.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(err.fields ?? {})).toEqual(expect.arrayContaining(fields));
    for (const messages of Object.values(err.fields ?? {})) expect(messages.every((m) => typeof m === 'string' && m.length > 0)).toBe(true);
  });

  test('credentials are stored encrypted, bound to the row, and decrypt back', async () => {
    const { channel, credentials } = await email(A.ADMIN);
    const row = await storedRow(t.app, channel.id);
    expect(row.credentials).toMatch(/^v1\./);
    expect(row.credentials).not.toContain(credentials.password);
    expect(row.credentials).not.toContain('smtp.example.com');
    expect(JSON.stringify(row.credentialsSummary)).not.toContain(credentials.password);
    expect(decryptCredentials(t.app.crypto, row)).toEqual(credentials);
    // Ciphertext moved onto another row does not decrypt there.
    expect(() => decryptCredentials(t.app.crypto, { ...row, id: 'another-channel' })).toThrow();
    // The raw column, as PostgreSQL holds it.
    const [raw] = await rows<{ credentials: string }>(t.app.db, sql`select credentials from channels where id = ${channel.id}`);
    expect(raw!.credentials).not.toContain(credentials.password);
  });

  test('the same credentials saved twice give different ciphertexts (fresh nonce)', async () => {
    const credentials = emailCreds();
    const one = await createChannel(A.ADMIN, { type: 'EMAIL', name: 'one', credentials });
    const two = await createChannel(A.ADMIN, { type: 'EMAIL', name: 'two', credentials });
    const [r1, r2] = [await storedRow(t.app, one.id), await storedRow(t.app, two.id)];
    expect(r1.credentials.split('.')[2]).not.toBe(r2.credentials.split('.')[2]);
    expect(r1.credentials).not.toBe(r2.credentials);
  });
});

describe('GET /api/channels', () => {
  test('every role lists its own organization\'s channels only, in the list shape, without secrets', async () => {
    const { channel, credentials } = await email(A.ADMIN);
    const other = await website(B.ADMIN, 'B only');
    for (const role of ['ADMIN', 'AGENT', 'VIEWER'] as const) {
      const res = await A[role].get('/api/channels?pageSize=100');
      expect(res.status).toBe(200);
      const { items, pagination } = res.body.data;
      expect(items.some((c: { id: string }) => c.id === channel.id)).toBe(true);
      expect(items.some((c: { id: string }) => c.id === other.id)).toBe(false);
      expect(pagination).toMatchObject({ page: 1, pageSize: 100, total: items.length, nextCursor: null });
      expect(res.raw.body).not.toContain(credentials.password);
      expect(items.find((c: { id: string }) => c.id === channel.id).credentials).toMatchObject({ host: 'smtp.example.com', hasPassword: true });
    }
  });

  test('filters by type and pages', async () => {
    await website(A.ADMIN, 'for paging');
    const res = await A.VIEWER.get('/api/channels?type=WEBSITE_CHAT&pageSize=1');
    expect(res.status).toBe(200);
    expect(res.body.data.items).toHaveLength(1);
    expect(res.body.data.items[0].type).toBe('WEBSITE_CHAT');
    expect(res.body.data.pagination.total).toBeGreaterThan(1);
    const second = await A.VIEWER.get('/api/channels?type=WEBSITE_CHAT&pageSize=1&page=2');
    expect(second.body.data.items[0].id).not.toBe(res.body.data.items[0].id);
    expect((await A.VIEWER.get('/api/channels?type=SMS')).status).toBe(400);
    expect((await A.VIEWER.get('/api/channels?pageSize=500')).body.data.pagination.pageSize).toBe(100);
  });

  test('401 without a session', async () => {
    expect((await client(t.app).get('/api/channels')).status).toBe(401);
  });
});

describe('GET /api/channels/:id', () => {
  test('every role reads it; the secret is absent', async () => {
    const { channel, credentials } = await email(A.ADMIN);
    for (const role of ['ADMIN', 'AGENT', 'VIEWER'] as const) {
      const res = await A[role].get(`/api/channels/${channel.id}`);
      expect(res.status).toBe(200);
      expect(res.body.data.id).toBe(channel.id);
      expect(res.body.data.widgetConfig).toBeNull();
      expect(res.raw.body).not.toContain(credentials.password);
    }
  });

  test('an unknown id is 404 NOT_FOUND', async () => {
    const res = await A.ADMIN.get('/api/channels/00000000-0000-7000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe('NOT_FOUND');
  });
});

describe('PATCH /api/channels/:id', () => {
  test('EMAIL credentials patched to a loopback SMTP host are refused with 400 and fields (§8.6)', async () => {
    const { channel } = await email(A.ADMIN);
    const res = await A.ADMIN.patch(`/api/channels/${channel.id}`, { credentials: { host: '127.0.0.2' } });
    expect(res.status).toBe(400);
    expect(Object.keys(errorOf(res).fields ?? {})).toContain('credentials.host');
  });
  test('ADMIN updates fields; AGENT and VIEWER get 403 and nothing changes', async () => {
    const channel = await website(A.ADMIN, 'Before');
    for (const role of ['AGENT', 'VIEWER'] as const) {
      expect((await A[role].patch(`/api/channels/${channel.id}`, { name: `by ${role}` })).status).toBe(403);
    }
    expect((await A.ADMIN.get(`/api/channels/${channel.id}`)).body.data.name).toBe('Before');
    const res = await A.ADMIN.patch(`/api/channels/${channel.id}`, { name: 'After', autoReply: true, region: null, translateToLanguage: 'de', responseTemplate: { signature: 'Team' } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: channel.id, name: 'After', autoReply: true, region: null, translateToLanguage: 'de', responseTemplate: { signature: 'Team' }, fallbackLanguage: 'sl' });
    expect(Date.parse(res.body.data.updatedAt)).toBeGreaterThanOrEqual(Date.parse(channel.updatedAt as string));
    expect((await A.VIEWER.get(`/api/channels/${channel.id}`)).body.data.name).toBe('After');
  });

  test('partial credentials: given fields replace, omitted secrets are kept, null removes an optional field', async () => {
    const { channel, credentials } = await email(A.ADMIN);
    const res = await A.ADMIN.patch(`/api/channels/${channel.id}`, { credentials: { host: 'mail.example.org', imapHost: null, imapPort: null } });
    expect(res.status).toBe(200);
    expect(res.body.data.credentials).toEqual({ host: 'mail.example.org', port: 587, username: 'support', from: 'support@example.com', secure: false, hasPassword: true });
    expect(res.raw.body).not.toContain(credentials.password);
    const row = await storedRow(t.app, channel.id);
    expect(decryptCredentials(t.app.crypto, row)).toEqual({ ...credentials, host: 'mail.example.org', imapHost: undefined, imapPort: undefined });
    expect(row.credentialsSummary).toEqual(res.body.data.credentials);

    const newPassword = secretOf('rotated-password');
    const changed = await A.ADMIN.patch(`/api/channels/${channel.id}`, { credentials: { password: newPassword } });
    expect(changed.status).toBe(200);
    expect(changed.raw.body).not.toContain(newPassword);
    expect((decryptCredentials(t.app.crypto, await storedRow(t.app, channel.id)) as { password: string }).password).toBe(newPassword);
  });

  test('a merge that breaks the type\'s shape is 400 keyed by credentials.<field>, and nothing is stored', async () => {
    const { channel, credentials } = await email(A.ADMIN);
    const before = await storedRow(t.app, channel.id);
    for (const [body, field] of [
      [{ credentials: { host: null } }, 'credentials.host'],
      [{ credentials: { port: 'x' } }, 'credentials.port'],
      [{ credentials: { token: 'x' } }, 'credentials.token'],
    ] as const) {
      const res = await A.ADMIN.patch(`/api/channels/${channel.id}`, body);
      expect(res.status).toBe(400);
      expect(errorOf(res).fields).toHaveProperty([field]);
      expect(res.raw.body).not.toContain(credentials.password);
    }
    expect((await storedRow(t.app, channel.id)).credentials).toBe(before.credentials);
  });

  test('type cannot change (repeating it is fine); unknown fields and bad values are 400', async () => {
    const channel = await website(A.ADMIN);
    const change = await A.ADMIN.patch(`/api/channels/${channel.id}`, { type: 'EMAIL' });
    expect(change.status).toBe(400);
    expect(errorOf(change).fields).toHaveProperty('type');
    expect((await A.ADMIN.patch(`/api/channels/${channel.id}`, { type: 'WEBSITE_CHAT', name: 'Same type' })).status).toBe(200);
    const unknown = await A.ADMIN.patch(`/api/channels/${channel.id}`, { organizationId: B.ADMIN.organizationId });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).fields).toHaveProperty('organizationId');
    const bad = await A.ADMIN.patch(`/api/channels/${channel.id}`, { name: '', autoTranslate: 'no' });
    expect(Object.keys(errorOf(bad).fields ?? {})).toEqual(expect.arrayContaining(['name', 'autoTranslate']));
    expect((await A.ADMIN.get(`/api/channels/${channel.id}`)).body.data.type).toBe('WEBSITE_CHAT');
  });
});

describe('DELETE /api/channels/:id', () => {
  test('ADMIN only; deletes the channel and its conversations', async () => {
    const channel = await website(A.ADMIN, 'to delete');
    await t.app.db.insert(conversations).values({ organizationId: A.ADMIN.organizationId, channelId: channel.id, subject: 'cascades' });
    for (const role of ['AGENT', 'VIEWER'] as const) {
      expect((await A[role].delete(`/api/channels/${channel.id}`)).status).toBe(403);
    }
    const res = await A.ADMIN.delete(`/api/channels/${channel.id}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ id: channel.id });
    expect((await A.ADMIN.get(`/api/channels/${channel.id}`)).status).toBe(404);
    expect(await t.app.db.select().from(conversations).where(eq(conversations.channelId, channel.id))).toEqual([]);
    expect((await A.ADMIN.delete(`/api/channels/${channel.id}`)).status).toBe(404);
  });
});

describe('another organization\'s channel', () => {
  test('is 404 on every route and nothing changes', async () => {
    const { channel, credentials } = await email(A.ADMIN);
    const chat = await website(A.ADMIN, 'A chat');
    const before = { email: await storedRow(t.app, channel.id), chat: await storedRow(t.app, chat.id) };
    const attempts = [
      B.ADMIN.get(`/api/channels/${channel.id}`),
      B.VIEWER.get(`/api/channels/${channel.id}`),
      B.ADMIN.patch(`/api/channels/${channel.id}`, { name: 'hijacked', credentials: { password: 'x' } }),
      B.ADMIN.delete(`/api/channels/${channel.id}`),
      B.ADMIN.get(`/api/channels/${chat.id}/widget-script`),
      B.ADMIN.get(`/api/channels/${chat.id}/widget-config`),
      B.ADMIN.patch(`/api/channels/${chat.id}/widget-config`, { color: '#000000' }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(errorOf(res).code).toBe('NOT_FOUND');
      expect(res.raw.body).not.toContain(credentials.password);
      expect(res.raw.body).not.toContain(channel.name as string);
    }
    // The e-mail channel's own background connection check may write its status meanwhile; nothing else may change.
    const unchecked = ({ connectionStatus: _status, updatedAt: _at, ...row }: Awaited<ReturnType<typeof storedRow>>) => row;
    expect(unchecked(await storedRow(t.app, channel.id))).toEqual(unchecked(before.email));
    expect(await storedRow(t.app, chat.id)).toEqual(before.chat);
  });
});

describe('widget script', () => {
  test('WEBSITE_CHAT → 200 {snippet, scriptUrl}: an async <script> with the channel id, for every role', async () => {
    const channel = await website(A.ADMIN);
    for (const role of ['ADMIN', 'AGENT', 'VIEWER'] as const) {
      const res = await A[role].get(`/api/channels/${channel.id}/widget-script`, { host: 'support.example.com' });
      expect(res.status).toBe(200);
      const { identitySecret, ...rest } = res.body.data;
      expect(rest).toEqual({
        scriptUrl: 'http://support.example.com/widget.js',
        snippet: `<script async src="http://support.example.com/widget.js" data-channel-id="${channel.id}"></script>`,
      });
      // The identity secret (CONTRACT §12) is for admins only.
      if (role === 'ADMIN') expect(identitySecret).toMatch(/^[0-9a-f]{64}$/);
      else expect(identitySecret).toBeUndefined();
    }
  });

  test('the first APP_ORIGIN wins over the request host', async () => {
    const other = await buildTestApp({ APP_ORIGIN: 'https://help.example.com, https://other.example.com' });
    try {
      const admin = await signupActor(other.app);
      const channel = await website(admin);
      const res = await admin.get(`/api/channels/${channel.id}/widget-script`);
      expect(res.body.data.scriptUrl).toBe('https://help.example.com/widget.js');
      expect(res.body.data.snippet).toContain('src="https://help.example.com/widget.js"');
    } finally {
      await other.close();
    }
  });

  test('other channel types → 400 VALIDATION_ERROR', async () => {
    const { channel } = await email(A.ADMIN);
    const res = await A.ADMIN.get(`/api/channels/${channel.id}/widget-script`);
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION_ERROR');
  });
});

describe('widget config', () => {
  test('defaults, with language following the channel\'s default language', async () => {
    const channel = await createChannel(A.ADMIN, { ...websiteBody, defaultLanguage: 'de' });
    for (const role of ['ADMIN', 'AGENT', 'VIEWER'] as const) {
      const res = await A[role].get(`/api/channels/${channel.id}/widget-config`);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ channelId: channel.id, color: '#2563eb', position: 'right', greeting: 'Hi! How can we help?', launcherText: 'Chat with us', language: 'de', identityVerification: false });
    }
    await A.ADMIN.patch(`/api/channels/${channel.id}`, { defaultLanguage: 'fr' });
    expect((await A.VIEWER.get(`/api/channels/${channel.id}/widget-config`)).body.data.language).toBe('fr');
  });

  test('PATCH (ADMIN) merges; null resets; the channel shows the same config', async () => {
    const channel = await website(A.ADMIN);
    const url = `/api/channels/${channel.id}/widget-config`;
    for (const role of ['AGENT', 'VIEWER'] as const) expect((await A[role].patch(url, { color: '#000000' })).status).toBe(403);

    const businessHours = { timezone: 'Europe/Ljubljana', days: [{ day: 1, open: '09:00', close: '12:00' }, { day: 1, open: '13:00', close: '17:00' }] };
    const first = await A.ADMIN.patch(url, { color: '#ff0000', language: 'sl', businessHours });
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ color: '#ff0000', position: 'right', language: 'sl', businessHours });
    const second = await A.ADMIN.patch(url, { position: 'left', greeting: 'Zdravo!' });
    expect(second.body.data).toMatchObject({ color: '#ff0000', position: 'left', greeting: 'Zdravo!', language: 'sl', businessHours });
    expect((await A.VIEWER.get(url)).body.data).toEqual(second.body.data);
    expect((await A.VIEWER.get(`/api/channels/${channel.id}`)).body.data.widgetConfig).toEqual(second.body.data);

    const reset = await A.ADMIN.patch(url, { language: null, businessHours: null });
    expect(reset.body.data.language).toBe('en');
    expect(reset.body.data).not.toHaveProperty('businessHours');
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['colour name', { color: 'red' }, 'color'],
    ['position', { position: 'top' }, 'position'],
    ['empty greeting', { greeting: '' }, 'greeting'],
    ['long launcher text', { launcherText: 'x'.repeat(41) }, 'launcherText'],
    ['unknown field', { theme: 'dark' }, 'theme'],
    ['time zone', { businessHours: { timezone: 'Mars/Olympus', days: [] } }, 'businessHours.timezone'],
    ['day', { businessHours: { timezone: 'UTC', days: [{ day: 7, open: '09:00', close: '17:00' }] } }, 'businessHours.days.0.day'],
    ['time format', { businessHours: { timezone: 'UTC', days: [{ day: 1, open: '9am', close: '17:00' }] } }, 'businessHours.days.0.open'],
    ['close before open', { businessHours: { timezone: 'UTC', days: [{ day: 1, open: '17:00', close: '09:00' }] } }, 'businessHours.days.0.close'],
  ];
  test.each(invalid)('bad %s → 400 with fields.%s', async (_label, body, field) => {
    const channel = await website(A.ADMIN);
    const res = await A.ADMIN.patch(`/api/channels/${channel.id}/widget-config`, body);
    expect(res.status).toBe(400);
    expect(errorOf(res).fields).toHaveProperty([field]);
    expect((await storedRow(t.app, channel.id)).widgetConfig).toEqual({});
  });

  test('other channel types → 400 on GET and PATCH', async () => {
    const { channel } = await email(A.ADMIN);
    expect((await A.ADMIN.get(`/api/channels/${channel.id}/widget-config`)).status).toBe(400);
    const res = await A.ADMIN.patch(`/api/channels/${channel.id}/widget-config`, { color: '#000000' });
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION_ERROR');
  });
});

describe('secrets and logs', () => {
  test('no secret reaches the log at trace level, on success or on failure', async () => {
    const lines: string[] = [];
    const database = await createTestDatabase();
    const app = await buildApp(t.config, {
      database,
      logger: { ...(loggerOptions({ ...t.config, LOG_LEVEL: 'trace' }) as object), stream: new Writable({ write(c, _e, cb) { lines.push(String(c)); cb(); } }) } as never,
    });
    await app.ready();
    try {
      const admin = await signupActor(app);
      const secrets = {
        password: secretOf('log-smtp'), accessToken: graphTokenFor('99', secretOf('log-fb')), botToken: `42:${secretOf('log-tg')}`,
        refusedAccessToken: `INVALID-${secretOf('log-fb-refused')}-98`, refusedBotToken: `43:INVALID-${secretOf('log-tg-refused')}`,
      };
      const mail = await createChannel(admin, { type: 'EMAIL', name: 'log mail', credentials: { ...emailCreds(), password: secrets.password } });
      const fb = await createChannel(admin, { type: 'FACEBOOK', name: 'log fb', credentials: { pageId: '99', accessToken: secrets.accessToken } });
      await createChannel(admin, { type: 'TELEGRAM', name: 'log tg', credentials: { botToken: secrets.botToken } });
      await admin.get('/api/channels');
      await admin.get(`/api/channels/${mail.id}`);
      await admin.patch(`/api/channels/${mail.id}`, { credentials: { password: `${secrets.password}-2` } });
      await admin.patch(`/api/channels/${fb.id}`, { credentials: { pageId: 'not numeric', accessToken: `${secrets.accessToken}-2` } });
      await admin.post('/api/channels', { type: 'EMAIL', name: 'bad', credentials: { password: `${secrets.password}-3`, port: 'x' } });
      await admin.post('/api/channels', { type: 'TELEGRAM', name: 'bad', credentials: { botToken: `${secrets.botToken} with spaces` } });
      // Refused by the provider's ownership check: the token went to the fake, not to the log.
      expect((await admin.post('/api/channels', { type: 'FACEBOOK', name: 'refused', credentials: { pageId: '98', accessToken: secrets.refusedAccessToken } })).status).toBe(400);
      expect((await admin.post('/api/channels', { type: 'TELEGRAM', name: 'refused', credentials: { botToken: secrets.refusedBotToken } })).status).toBe(400);

      const log = lines.join('');
      expect(log.length).toBeGreaterThan(1000);
      expect(log).toContain('/api/channels');
      for (const s of Object.values(secrets)) expect(log).not.toContain(s);
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe('keys', () => {
  test('rotation: an old key configured as previous still decrypts; a re-save uses the new key id', async () => {
    const database = await createTestDatabase();
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const dataDir = await mkdtemp(path.join(tmpdir(), 'helpstack-rotation-'));
    const start = async (env: Record<string, string>) => {
      const app = await buildApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...env }), { database, logger: false });
      await app.ready();
      return app;
    };
    try {
      const before = await start({ ENCRYPTION_KEY: oldKey });
      const admin = await signupActor(before);
      const { channel, credentials: original } = await email(admin);
      const written = (await before.db.select().from(channels).where(eq(channels.id, channel.id)))[0]!;
      expect(written.credentials.split('.')[1]).toBe(keyIdOf(Buffer.from(oldKey, 'base64')));
      await before.close();

      const after = await start({ ENCRYPTION_KEY: newKey, ENCRYPTION_KEYS_PREVIOUS: oldKey });
      expect(after.crypto.currentKeyId).toBe(keyIdOf(Buffer.from(newKey, 'base64')));
      const row = (await after.db.select().from(channels).where(eq(channels.id, channel.id)))[0]!;
      expect(decryptCredentials(after.crypto, row)).toEqual(original);
      const res = await client(after, admin.cookie).patch(`/api/channels/${channel.id}`, { credentials: { username: 'renamed' } });
      expect(res.status).toBe(200);
      const resaved = (await after.db.select().from(channels).where(eq(channels.id, channel.id)))[0]!;
      expect(resaved.credentials.split('.')[1]).toBe(keyIdOf(Buffer.from(newKey, 'base64')));
      expect(decryptCredentials(after.crypto, resaved)).toEqual({ ...original, username: 'renamed' });
      await after.close();

      // Without the previous key the stored values are unreadable: the server refuses to start (plugins/app/crypto.ts).
      await expect(start({ ENCRYPTION_KEY: randomBytes(32).toString('base64') })).rejects.toThrow(/ENCRYPTION_KEYS_PREVIOUS/);
    } finally {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('without ENCRYPTION_KEY a key is generated into DATA_DIR once and reused by the next start', async () => {
    const database = await createTestDatabase();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'helpstack-keyfile-'));
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir });
    try {
      const first = await buildApp(config, { database, logger: false });
      await first.ready();
      expect((await stat(path.join(dataDir, 'encryption.key'))).mode & 0o777).toBe(0o600);
      const admin = await signupActor(first);
      const { channel, credentials } = await email(admin);
      const keyId = first.crypto.currentKeyId;
      await first.close();

      const second = await buildApp(config, { database, logger: false });
      await second.ready();
      try {
        expect(second.crypto.currentKeyId).toBe(keyId);
        const row = (await second.db.select().from(channels).where(eq(channels.id, channel.id)))[0]!;
        expect(decryptCredentials(second.crypto, row)).toEqual(credentials);
      } finally {
        await second.close();
      }

      // Switching to an explicit key later keeps the generated key readable.
      const explicit = await buildApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ENCRYPTION_KEY: randomBytes(32).toString('base64') }), { database, logger: false });
      await explicit.ready();
      try {
        expect(explicit.crypto.currentKeyId).not.toBe(keyId);
        const row = (await explicit.db.select().from(channels).where(eq(channels.id, channel.id)))[0]!;
        expect(decryptCredentials(explicit.crypto, row)).toEqual(credentials);
      } finally {
        await explicit.close();
      }
    } finally {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('OpenAPI', () => {
  test('the channel routes are documented under the channels tag', async () => {
    const doc = (await client(t.app).get('/api/openapi.json')).body;
    for (const p of ['/api/channels', '/api/channels/{id}', '/api/channels/{id}/widget-script', '/api/channels/{id}/widget-config']) {
      expect(doc.paths[p], p).toBeDefined();
      for (const op of Object.values(doc.paths[p]) as { tags: string[]; summary: string }[]) {
        expect(op.tags).toEqual(['channels']);
        expect(op.summary).toBeTruthy();
      }
    }
    expect(doc.paths['/api/channels'].post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['type', 'name', 'credentials']));
  });
});
