import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, type Org, type TestApp, twoOrganizations } from '../../../../../test/helpers/app.ts';
import { rows } from '../../../../../test/helpers/database.ts';
import { FAKE_PNG, graphTokenFor, sharedFakeProviders, type FakeProviders } from '../../../../../test/helpers/fake-providers.ts';
import { storeProviderFile } from '../../../media/store-bytes.ts';
import { eventually } from '../../../../../test/helpers/instances.ts';

const SECRET = 'global-app-secret';
const PUBLIC_URL = 'http://127.0.0.1:9';
const PAGE_ID = '2234567890';
const WA_PHONE_ID = '6550001111';
const PAGE_TOKEN = graphTokenFor(PAGE_ID);
const WA_TOKEN = graphTokenFor(WA_PHONE_ID);

let t: TestApp;
let A: Org;
let fake: FakeProviders;

const sign = (raw: string) => `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`;
async function deliverWebhook(provider: string, body: unknown) {
  const raw = JSON.stringify(body);
  const res = await t.app.inject({ method: 'POST', url: `/api/webhooks/${provider}`, headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw) }, payload: raw });
  expect(res.statusCode).toBe(200);
}
const messenger = (psid: string, mid: string, text: string) => ({
  object: 'page',
  entry: [{ id: PAGE_ID, time: Date.now(), messaging: [{ sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp: Date.now(), message: { mid, text } }] }],
});
const whatsapp = (from: string, id: string, text: string) => ({
  object: 'whatsapp_business_account',
  entry: [{ id: 'waba', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: WA_PHONE_ID }, contacts: [{ wa_id: from, profile: { name: 'Ana' } }], messages: [{ from, id, type: 'text', text: { body: text } }] } }] }],
});

/** The conversation an inbound text landed in (once the webhook job has run). */
const conversationOf = async (content: string) => (await eventually(
  () => rows<{ id: string }>(t.app.db, sql`select conversation_id as id from messages where content = ${content} and direction = 'INBOUND'`),
  (r) => r.length === 1,
))[0]!.id;

async function reply(conversationId: string, content: string) {
  const res = await A.AGENT.post(`/api/conversations/${conversationId}/messages`, { conversationId, content });
  expect(res.status).toBe(201);
  return res.body.data.id as string;
}
type Row = { status: string; error: string | null; external_id: string | null };
const settled = (id: string) => eventually(
  async () => (await rows<Row>(t.app.db, sql`select status, error, external_id from messages where id = ${id}`))[0]!,
  (m) => m.status !== 'PENDING',
  20_000,
);
const sendsOf = (text: string) => fake.requests.filter((r) => r.method === 'POST' && (r.body?.message?.text === text || r.body?.text?.body === text));
/** Moves the customer's messages of a conversation back in time, as if they had written `hours` ago. */
const customerWroteAgo = (conversationId: string, hours: number) =>
  t.app.db.execute(sql`update messages set created_at = now() - make_interval(hours => ${hours}) where conversation_id = ${conversationId} and direction = 'INBOUND'`);

beforeAll(async () => {
  fake = await sharedFakeProviders();
  t = await buildTestApp({ META_APP_SECRET: SECRET, PUBLIC_URL, OUTBOUND_ALLOW: new URL(fake.graphUrl).host });
  ({ A } = await twoOrganizations(t.app));
  expect((await A.ADMIN.post('/api/channels', { type: 'FACEBOOK', name: 'Page', credentials: { pageId: PAGE_ID, accessToken: PAGE_TOKEN } })).status).toBe(201);
  expect((await A.ADMIN.post('/api/channels', { type: 'WHATSAPP', name: 'WA', credentials: { phoneNumberId: WA_PHONE_ID, accessToken: WA_TOKEN } })).status).toBe(201);
});
afterAll(() => t.close());

describe('Messenger replies', () => {
  test('a reply inside the window is a RESPONSE to the PSID with the page token, SENT with Meta\'s message id', async () => {
    await deliverWebhook('facebook', messenger('psid-1', 'm_in_1', 'hello from messenger'));
    const conv = await conversationOf('hello from messenger');
    const id = await reply(conv, 'fb answer one');
    const m = await settled(id);
    expect(m.status).toBe('SENT');
    const [sent] = sendsOf('fb answer one');
    expect(sent!.path).toBe('/graph/me/messages');
    expect(sent!.authorization).toBe(`Bearer ${PAGE_TOKEN}`);
    expect(sent!.body).toMatchObject({ recipient: { id: 'psid-1' }, messaging_type: 'RESPONSE', message: { text: 'fb answer one' } });
    expect(m.external_id).toBe(`facebook:${sent!.answer.message_id}`);
  });

  test('between 24 h and 7 days the reply is tagged HUMAN_AGENT; later it fails without calling Meta', async () => {
    await deliverWebhook('facebook', messenger('psid-2', 'm_in_2', 'an older question'));
    const conv = await conversationOf('an older question');
    await customerWroteAgo(conv, 72);
    const tagged = await settled(await reply(conv, 'fb late answer'));
    expect(tagged.status).toBe('SENT');
    expect(sendsOf('fb late answer')[0]!.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });

    await customerWroteAgo(conv, 8 * 24);
    const late = await settled(await reply(conv, 'fb far too late'));
    expect(late.status).toBe('FAILED');
    expect(late.error).toMatch(/window/);
    expect(sendsOf('fb far too late')).toHaveLength(0);
  });

  test('Meta\'s refusal outside the window (code 10 / 2018278) fails the reply with a readable reason', async () => {
    const conv = await conversationOf('hello from messenger');
    const m = await settled(await reply(conv, 'OUTSIDE_WINDOW fb'));
    expect(m.status).toBe('FAILED');
    expect(m.error).toMatch(/outside Meta's messaging window/);
  });

  test('a transient Graph error is retried within seconds and then goes through', async () => {
    const conv = await conversationOf('hello from messenger');
    const started = Date.now();
    const m = await settled(await reply(conv, 'TRANSIENT_ONCE fb'));
    expect(m.status).toBe('SENT');
    expect(sendsOf('TRANSIENT_ONCE fb')).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('WhatsApp replies', () => {
  test('a reply goes to /{phoneNumberId}/messages with bearer; messages[0].id is kept', async () => {
    await deliverWebhook('whatsapp', whatsapp('34600111222', 'wamid.in1', 'hola por whatsapp'));
    const conv = await conversationOf('hola por whatsapp');
    const m = await settled(await reply(conv, 'wa answer one'));
    expect(m.status).toBe('SENT');
    const [sent] = sendsOf('wa answer one');
    expect(sent!.path).toBe(`/graph/${WA_PHONE_ID}/messages`);
    expect(sent!.authorization).toBe(`Bearer ${WA_TOKEN}`);
    expect(sent!.body).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '34600111222', type: 'text', text: { body: 'wa answer one' } });
    expect(m.external_id).toBe(`whatsapp:${sent!.answer.messages[0].id}`);
  });

  test('outside the 24-hour window (131047, or known locally) the reply fails with the template reason', async () => {
    const conv = await conversationOf('hola por whatsapp');
    const refused = await settled(await reply(conv, 'OUTSIDE_WINDOW wa'));
    expect(refused).toMatchObject({ status: 'FAILED', error: 'outside WhatsApp\'s 24-hour window; a template message is needed' });
    await customerWroteAgo(conv, 25);
    const late = await settled(await reply(conv, 'wa too late'));
    expect(late).toMatchObject({ status: 'FAILED', error: 'outside WhatsApp\'s 24-hour window; a template message is needed' });
    expect(sendsOf('wa too late')).toHaveLength(0);
  });
});

const waStatuses = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  object: 'whatsapp_business_account',
  entry: [{ id: 'waba', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: WA_PHONE_ID }, statuses: [{ id, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: '34600111222', ...extra }] } }] }],
});
const statusOf = async (id: string) => (await rows<Row>(t.app.db, sql`select status, error, external_id from messages where id = ${id}`))[0]!;
const becomes = (id: string, status: string) => eventually(() => statusOf(id), (m) => m.status === status, 10_000);

describe('receipts and statuses', () => {
  test('WhatsApp statuses move a reply to DELIVERED and READ, never backwards; failed carries Meta\'s reason', async () => {
    const conv = await conversationOf('hola por whatsapp');
    await deliverWebhook('whatsapp', whatsapp('34600111222', 'wamid.in2', 'otra pregunta'));
    // The webhook is recorded by a job: until it has run, the last customer message is the one moved 25 h back.
    expect(await conversationOf('otra pregunta')).toBe(conv);
    const id = await reply(conv, 'wa tracked');
    const wamid = (await settled(id)).external_id!.replace(/^whatsapp:/, '');
    await deliverWebhook('whatsapp', waStatuses(wamid, 'delivered'));
    await becomes(id, 'DELIVERED');
    await deliverWebhook('whatsapp', waStatuses(wamid, 'read'));
    await becomes(id, 'READ');
    await deliverWebhook('whatsapp', waStatuses(wamid, 'sent'));
    await new Promise((r) => setTimeout(r, 1500));
    expect((await statusOf(id)).status).toBe('READ');

    const other = await reply(conv, 'wa undeliverable');
    const otherWamid = (await settled(other)).external_id!.replace(/^whatsapp:/, '');
    await deliverWebhook('whatsapp', waStatuses(otherWamid, 'failed', { errors: [{ code: 131026, title: 'Message undeliverable', error_data: { details: 'Message Undeliverable.' } }] }));
    const failed = await becomes(other, 'FAILED');
    expect(failed.error).toMatch(/Message Undeliverable/);
  });

  test('Messenger delivery and read receipts move replies to DELIVERED and READ', async () => {
    const conv = await conversationOf('hello from messenger');
    const id = await reply(conv, 'fb tracked');
    const mid = (await settled(id)).external_id!.replace(/^facebook:/, '');
    const receipt = (event: Record<string, unknown>) => ({ object: 'page', entry: [{ id: PAGE_ID, time: Date.now(), messaging: [{ sender: { id: 'psid-1' }, recipient: { id: PAGE_ID }, timestamp: Date.now(), ...event }] }] });
    await deliverWebhook('facebook', receipt({ delivery: { mids: [mid], watermark: Date.now() } }));
    await becomes(id, 'DELIVERED');
    await deliverWebhook('facebook', receipt({ read: { watermark: Date.now() + 1000 } }));
    await becomes(id, 'READ');
  });
});

describe('attachments', () => {
  test('a Messenger reply with a file sends message.attachment with a signed public link that serves the bytes without a session', async () => {
    const conv = await conversationOf('hello from messenger');
    const org = (await rows<{ org: string }>(t.app.db, sql`select organization_id as org from conversations where id = ${conv}`))[0]!.org;
    const media = await storeProviderFile(t.app, { organizationId: org, bytes: FAKE_PNG, name: 'reply.png' });
    const res = await A.AGENT.post(`/api/conversations/${conv}/messages`, { conversationId: conv, content: 'fb with picture', attachments: [`${org}/${media!.id}`] });
    expect(res.status).toBe(201);
    expect((await settled(res.body.data.id)).status).toBe('SENT');
    const sent = fake.requests.find((r) => r.path === '/graph/me/messages' && r.body?.message?.attachment && r.body?.recipient?.id === 'psid-1');
    const url = new URL(sent!.body.message.attachment.payload.url);
    expect(sent!.body.message.attachment.type).toBe('image');
    expect(url.origin).toBe(PUBLIC_URL);
    const got = await t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(FAKE_PNG)).toBe(true);
    const tampered = await t.app.inject({ method: 'GET', url: `${url.pathname}${url.search.slice(0, -3)}xyz` });
    expect(tampered.statusCode).toBe(404);
  });
});

describe('inbound media', () => {
  test('a WhatsApp image is looked up by media id, downloaded with the bearer token, stored and attached', async () => {
    const body = whatsapp('34600111222', 'wamid.img1', 'unused');
    const msg = body.entry[0]!.changes[0]!.value.messages[0]! as Record<string, unknown>;
    delete msg.text;
    Object.assign(msg, { type: 'image', image: { id: 'media123', mime_type: 'image/png', caption: 'wa picture' } });
    await deliverWebhook('whatsapp', body);
    const [m] = await eventually(
      () => rows<{ attachments: { id: string; mimeType: string }[] }>(t.app.db, sql`select attachments from messages where content = 'wa picture'`),
      (r) => r.length === 1,
    );
    expect(m!.attachments).toHaveLength(1);
    expect(m!.attachments[0]!.mimeType).toBe('image/png');
    expect(fake.requests.some((r) => r.path === '/graph/media123' && r.authorization === `Bearer ${WA_TOKEN}`)).toBe(true);
    expect(fake.requests.some((r) => r.path === '/graph/_media/media123' && r.authorization === `Bearer ${WA_TOKEN}`)).toBe(true);
  });
});
