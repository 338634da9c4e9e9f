import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, client, errorOf, twoOrganizations, type Org, type TestApp } from '../../../../../test/helpers/app.ts';
import { rows } from '../../../../../test/helpers/database.ts';
import { graphTokenFor } from '../../../../../test/helpers/fake-providers.ts';
import { insertChannel } from '../../../../../test/helpers/fixtures.ts';

const VERIFY = 'global-verify-token';
const SECRET = 'global-app-secret';
const PAGE_ID = '1234567890';
const PAGE_SECRET = 'page-own-secret';
const WA_PHONE_ID = '5550001111';

let t: TestApp;
let A: Org;
let B: Org;
const sign = (key: string, raw: string) => `sha256=${createHmac('sha256', key).update(raw).digest('hex')}`;
const post = (provider: string, body: unknown, signature?: (raw: string) => string) => {
  const raw = JSON.stringify(body);
  return t.app.inject({
    method: 'POST',
    url: `/api/webhooks/${provider}`,
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature(raw) } : {}) },
    payload: raw,
  });
};
const messenger = (pageId: string, mid: string, text: string, extra: Record<string, unknown> = {}) => ({
  object: 'page',
  entry: [{ id: pageId, time: Date.now(), messaging: [{ sender: { id: 'psid-42' }, recipient: { id: pageId }, timestamp: Date.now(), message: { mid, text, ...extra } }] }],
});
const inboundCount = async (content: string) =>
  (await rows<{ n: number }>(t.app.db, sql`select count(*)::int as n from messages where content = ${content} and direction = 'INBOUND'`))[0]!.n;

beforeAll(async () => {
  t = await buildTestApp({ META_VERIFY_TOKEN: VERIFY, META_APP_SECRET: SECRET });
  ({ A, B } = await twoOrganizations(t.app));
  const fb = await A.ADMIN.post('/api/channels', { type: 'FACEBOOK', name: 'Page', credentials: { pageId: PAGE_ID, accessToken: graphTokenFor(PAGE_ID), appSecret: PAGE_SECRET, verifyToken: 'page-verify' } });
  expect(fb.status).toBe(201);
  const wa = await A.ADMIN.post('/api/channels', { type: 'WHATSAPP', name: 'WhatsApp', credentials: { phoneNumberId: WA_PHONE_ID, accessToken: graphTokenFor(WA_PHONE_ID) } });
  expect(wa.status).toBe(201);
});
afterAll(() => t.close());

describe('verify handshake', () => {
  test('echoes hub.challenge as text/plain for META_VERIFY_TOKEN or a channel\'s own token; 403 otherwise', async () => {
    for (const provider of ['facebook', 'instagram', 'whatsapp']) {
      const ok = await client(t.app).get(`/api/webhooks/${provider}?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=987654`);
      expect(ok.status).toBe(200);
      expect(ok.raw.body).toBe('987654');
      expect(ok.headers['content-type']).toMatch(/^text\/plain/);
      expect((await client(t.app).get(`/api/webhooks/${provider}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`)).status).toBe(403);
      expect((await client(t.app).get(`/api/webhooks/${provider}?hub.mode=unsubscribe&hub.verify_token=${VERIFY}&hub.challenge=1`)).status).toBe(403);
    }
    const own = await client(t.app).get('/api/webhooks/facebook?hub.mode=subscribe&hub.verify_token=page-verify&hub.challenge=55');
    expect(own.raw.body).toBe('55');
    expect((await client(t.app).get('/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=page-verify&hub.challenge=55')).status).toBe(403);
  });
});

describe('deliveries', () => {
  test('a missing or wrong signature is 401 and stores nothing', async () => {
    const body = messenger(PAGE_ID, 'm_unsigned', 'unsigned hello');
    const missing = await post('facebook', body);
    expect(missing.statusCode).toBe(401);
    expect(JSON.parse(missing.body).error.code).toBe('UNAUTHORIZED');
    expect((await post('facebook', body, (raw) => sign('wrong', raw))).statusCode).toBe(401);
    expect((await post('facebook', body, (raw) => sign(SECRET, `${raw} `))).statusCode).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(await inboundCount('unsigned hello')).toBe(0);
  });

  test('signed with META_APP_SECRET for a page no channel has: acknowledged 200, nothing stored', async () => {
    const res = await post('facebook', messenger('999999999', 'm_nobody', 'to nobody'), (raw) => sign(SECRET, raw));
    expect(res.statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(await inboundCount('to nobody')).toBe(0);
  });

  test('a Messenger message signed with the channel\'s own app secret lands once in the inbox, even when redelivered', async () => {
    const body = messenger(PAGE_ID, 'm_once', 'Where is my parcel?');
    expect((await post('facebook', body, (raw) => sign(PAGE_SECRET, raw))).statusCode).toBe(200);
    expect((await post('facebook', body, (raw) => sign(PAGE_SECRET, raw))).statusCode).toBe(200);
    await expect.poll(() => inboundCount('Where is my parcel?'), { timeout: 10_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(await inboundCount('Where is my parcel?')).toBe(1);
    const list = await A.AGENT.get('/api/conversations?search=parcel');
    expect(list.body.data.items[0]).toMatchObject({ lastMessagePreview: 'Where is my parcel?', unread: true });
    // The page's own messages echoed back by Messenger are not customer messages (echoes.test.ts: agent replies).
    const echo = { object: 'page', entry: [{ id: PAGE_ID, time: Date.now(), messaging: [{ sender: { id: PAGE_ID }, recipient: { id: 'psid-42' }, timestamp: Date.now(), message: { mid: 'm_echo', text: 'an echo', is_echo: true } }] }] };
    await post('facebook', echo, (raw) => sign(PAGE_SECRET, raw));
    await new Promise((r) => setTimeout(r, 500));
    expect(await inboundCount('an echo')).toBe(0);
  });

  test('a WhatsApp message records the sender\'s name and phone', async () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [{ id: 'waba', changes: [{ field: 'messages', value: {
        messaging_product: 'whatsapp', metadata: { display_phone_number: '15550001111', phone_number_id: WA_PHONE_ID },
        contacts: [{ wa_id: '38640111222', profile: { name: 'Nina' } }],
        messages: [{ from: '38640111222', id: 'wamid.1', timestamp: '1', type: 'text', text: { body: 'Zdravo!' } }],
      } }] }],
    };
    expect((await post('whatsapp', body, (raw) => sign(SECRET, raw))).statusCode).toBe(200);
    await expect.poll(() => inboundCount('Zdravo!'), { timeout: 10_000 }).toBe(1);
    const conv = (await A.AGENT.get('/api/conversations?search=Zdravo')).body.data.items[0];
    expect(conv.customer).toMatchObject({ name: 'Nina', phone: '+38640111222' });
  });

  test('a signed but malformed body is 400', async () => {
    const raw = '{"object": ';
    const res = await t.app.inject({ method: 'POST', url: '/api/webhooks/facebook', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(SECRET, raw) }, payload: raw });
    expect(res.statusCode).toBe(400);
    expect(errorOf({ status: 400, body: JSON.parse(res.body), headers: res.headers, raw: res }).code).toBe('VALIDATION_ERROR');
  });
});

const waDelivery = (...messages: { phoneId: string; from: string; id: string; text: string }[]) => ({
  object: 'whatsapp_business_account',
  entry: messages.map((m) => ({ id: `waba-${m.phoneId}`, changes: [{ field: 'messages', value: {
    messaging_product: 'whatsapp', metadata: { display_phone_number: '15550000000', phone_number_id: m.phoneId },
    contacts: [{ wa_id: m.from, profile: { name: 'Sender' } }],
    messages: [{ from: m.from, id: m.id, timestamp: '1', type: 'text', text: { body: m.text } }],
  } }] })),
});
const inboundIn = async (organizationId: string, content: string) =>
  (await rows<{ n: number }>(t.app.db, sql`select count(*)::int as n from messages where content = ${content} and organization_id = ${organizationId}`))[0]!.n;

describe('inbound routing (CONTRACT §10): each entry only to the channel that owns it, signed with its secret', () => {
  const B_PHONE = '5550002222';
  const B_SECRET = 'attacker-own-secret';
  const B_PAGE = '7770001111';
  beforeAll(async () => {
    const wa = await B.ADMIN.post('/api/channels', { type: 'WHATSAPP', name: 'B WhatsApp', credentials: { phoneNumberId: B_PHONE, accessToken: graphTokenFor(B_PHONE), appSecret: B_SECRET } });
    expect(wa.status).toBe(201);
    const page = await B.ADMIN.post('/api/channels', { type: 'FACEBOOK', name: 'B Page', credentials: { pageId: B_PAGE, accessToken: graphTokenFor(B_PAGE) } });
    expect(page.status).toBe(201);
  });

  test('attack (a): an organization signing with its own secret cannot slip an entry into another organization\'s inbox', async () => {
    const body = waDelivery(
      { phoneId: B_PHONE, from: '38640000001', id: 'wamid.attack-own', text: 'attacker own entry' },
      { phoneId: WA_PHONE_ID, from: '38640000002', id: 'wamid.attack-victim', text: 'injected into the victim' },
    );
    const res = await post('whatsapp', body, (raw) => sign(B_SECRET, raw));
    expect(res.statusCode).toBe(200);
    await expect.poll(() => inboundIn(B.ADMIN.organizationId, 'attacker own entry'), { timeout: 10_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(await inboundCount('injected into the victim')).toBe(0);
  });

  test('one WhatsApp entry carrying changes for two numbers is split by number', async () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [{ id: 'waba', changes: [B_PHONE, WA_PHONE_ID].map((phoneId, i) => ({ field: 'messages', value: {
        messaging_product: 'whatsapp', metadata: { phone_number_id: phoneId },
        messages: [{ from: '3864000000' + i, id: `wamid.split-${i}`, type: 'text', text: { body: `split change ${phoneId}` } }],
      } })) }],
    };
    expect((await post('whatsapp', body, (raw) => sign(B_SECRET, raw))).statusCode).toBe(200);
    await expect.poll(() => inboundIn(B.ADMIN.organizationId, `split change ${B_PHONE}`), { timeout: 10_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(await inboundCount(`split change ${WA_PHONE_ID}`)).toBe(0);
  });

  test('mixed signatures: 200, and only the entries whose channel\'s secret signed the request are stored', async () => {
    const body = {
      object: 'page',
      entry: [
        ...messenger(PAGE_ID, 'm_mixed_a', 'mixed for A (own secret)').entry,
        ...messenger(B_PAGE, 'm_mixed_b', 'mixed for B (app secret)').entry,
        ...messenger('31313131', 'm_mixed_none', 'mixed for nobody').entry,
      ],
    };
    // Signed with A's page secret: A's entry only.
    expect((await post('facebook', body, (raw) => sign(PAGE_SECRET, raw))).statusCode).toBe(200);
    await expect.poll(() => inboundIn(A.ADMIN.organizationId, 'mixed for A (own secret)'), { timeout: 10_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(await inboundCount('mixed for B (app secret)')).toBe(0);
    // Signed with META_APP_SECRET: B's entry (no own secret) only; A's page has its own secret.
    expect((await post('facebook', body, (raw) => sign(SECRET, raw))).statusCode).toBe(200);
    await expect.poll(() => inboundIn(B.ADMIN.organizationId, 'mixed for B (app secret)'), { timeout: 10_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(await inboundCount('mixed for A (own secret)')).toBe(1);
    expect(await inboundCount('mixed for nobody')).toBe(0);
  });

  test('signed with a secret of a channel the body does not name → 401, nothing stored', async () => {
    const body = messenger(PAGE_ID, 'm_foreign_secret', 'signed by a stranger');
    const res = await post('facebook', body, (raw) => sign(B_SECRET, raw));
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ success: false, error: { code: 'UNAUTHORIZED' } });
    await new Promise((r) => setTimeout(r, 500));
    expect(await inboundCount('signed by a stranger')).toBe(0);
  });

  test('a channel deleted after the delivery was accepted gets nothing', async () => {
    const page = '7770009999';
    const ch = await B.ADMIN.post('/api/channels', { type: 'FACEBOOK', name: 'Short-lived', credentials: { pageId: page, accessToken: graphTokenFor(page) } });
    expect(ch.status).toBe(201);
    const { processMetaDelivery } = await import('./inbound.ts');
    await B.ADMIN.delete(`/api/channels/${ch.body.data.id}`);
    await processMetaDelivery(t.app, { provider: 'facebook', entries: [{ channelId: ch.body.data.id, accountId: page, entry: messenger(page, 'm_gone', 'to a deleted channel').entry[0]! }] });
    expect(await inboundCount('to a deleted channel')).toBe(0);
  });
});

describe('undecryptable credentials never 500 a webhook request', () => {
  const BROKEN_PAGE = '8880001111';
  beforeAll(async () => {
    // As if written with another ENCRYPTION_KEY: a ciphertext this server cannot open.
    await insertChannel(t.app.db, {
      organizationId: B.ADMIN.organizationId,
      type: 'FACEBOOK',
      credentials: 'v1.someotherkey.AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBB',
      credentialsSummary: { pageId: BROKEN_PAGE, hasAccessToken: true, hasAppSecret: true, hasVerifyToken: true },
    });
  });

  test('deliveries naming it: 401 when nothing verifies, 200 for the others when something does; its entry is dropped', async () => {
    const alone = messenger(BROKEN_PAGE, 'm_broken', 'to the broken channel');
    expect((await post('facebook', alone, (raw) => sign('anything', raw))).statusCode).toBe(401);
    expect((await post('facebook', alone, (raw) => sign(SECRET, raw))).statusCode).toBe(200);
    const both = { object: 'page', entry: [...alone.entry, ...messenger(PAGE_ID, 'm_beside_broken', 'beside the broken channel').entry] };
    expect((await post('facebook', both, (raw) => sign(PAGE_SECRET, raw))).statusCode).toBe(200);
    await expect.poll(() => inboundCount('beside the broken channel'), { timeout: 10_000 }).toBe(1);
    expect(await inboundCount('to the broken channel')).toBe(0);
  });

  test('the verify handshake skips it: 403 for a wrong token, 200 for a good one', async () => {
    expect((await client(t.app).get('/api/webhooks/facebook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1')).status).toBe(403);
    const own = await client(t.app).get('/api/webhooks/facebook?hub.mode=subscribe&hub.verify_token=page-verify&hub.challenge=77');
    expect(own.status).toBe(200);
    expect(own.raw.body).toBe('77');
  });
});

describe('account ids a channel could never have', () => {
  test('a NUL or non-numeric account id is dropped before any lookup: 401 for a bad signature, never a 500', async () => {
    const wa = { object: 'whatsapp_business_account', entry: [{ id: '\u0000', changes: [{ value: { metadata: { phone_number_id: '\u0000' } } }] }] };
    expect((await post('whatsapp', wa, () => 'sha256=00')).statusCode).toBe(401);
    const fb = { object: 'page', entry: [{ id: 'x\u0000\ud800', time: 1, messaging: [] }] };
    expect((await post('facebook', fb, () => 'sha256=00')).statusCode).toBe(401);
    // Signed with the app secret: acknowledged, nothing to route.
    expect((await post('whatsapp', wa, (raw) => sign(SECRET, raw))).statusCode).toBe(200);
  });
});
