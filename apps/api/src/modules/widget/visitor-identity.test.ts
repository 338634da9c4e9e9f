import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import WebSocket from 'ws';
import { messages } from '../../db/schema/index.ts';
import { buildTestApp, client, errorOf, twoOrganizations, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { listen, TestSocket } from '../../../test/helpers/instances.ts';
import { startSmtpSink } from '../../../test/helpers/smtp-sink.ts';
import { generatedVisitorName } from './generated-name.ts';

let t: TestApp;
let A: Org;
let B: Org;
let channelId: string;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let wsBase: string;
const anon = () => client(t.app);
const visitor = () => randomUUID();
const send = (v: string, content: string, extra: Record<string, unknown> = {}) => anon().post('/api/widget/message', { channelId, visitorId: v, content, ...extra });
const hmac = (secret: string, userId: string) => createHmac('sha256', secret).update(userId).digest('hex');
const conversationOf = async (id: string) => (await A.AGENT.get(`/api/conversations/${id}`)).body.data;

const context = { pageUrl: 'https://shop.example/pricing?plan=pro', referrer: 'https://www.google.com/', browser: 'Firefox 121 on Linux', locale: 'de-DE', timeZone: 'Europe/Berlin' };

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await buildTestApp({ SMTP_URL: `smtp://127.0.0.1:${sink.port}`, SMTP_FROM: 'HelpStack <noreply@helpstack.test>' });
  ({ A, B } = await twoOrganizations(t.app));
  channelId = (await A.ADMIN.post('/api/channels', { type: 'WEBSITE_CHAT', name: 'Site', credentials: {} })).body.data.id;
  wsBase = await listen(t.app);
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

describe('visitor context', () => {
  test('the first message stores it on the conversation; later messages do not change it', async () => {
    const v = visitor();
    const first = await send(v, 'Hello', { context });
    expect(first.status).toBe(201);
    const id = first.body.data.conversationId;
    expect((await conversationOf(id)).context).toEqual(context);
    await send(v, 'Again', { context: { ...context, pageUrl: 'https://shop.example/other' } });
    expect((await conversationOf(id)).context.pageUrl).toBe(context.pageUrl);
  });

  test('bad values are a 400 naming the field, and nothing is stored', async () => {
    for (const [field, value] of [['pageUrl', 'javascript:alert(1)'], ['referrer', 'not a url'], ['timeZone', 'Mars/Olympus'], ['locale', 'x'], ['browser', 'b'.repeat(121)], ['pageUrl', `https://a.example/${'p'.repeat(2000)}`]] as const) {
      const res = await send(visitor(), 'Hi', { context: { [field]: value } });
      expect(res.status, field).toBe(400);
      expect(JSON.stringify(errorOf(res).fields)).toContain(field);
    }
    expect((await send(visitor(), 'Hi', { context: { unknown: 1 } })).status).toBe(400);
  });

  test('a conversation without one has context null', async () => {
    const res = await send(visitor(), 'No context');
    expect((await conversationOf(res.body.data.conversationId)).context).toBeNull();
  });
});

describe('generated names', () => {
  test('a visitor without a name gets a readable deterministic name and colour, shown on the conversation', async () => {
    const v = visitor();
    const res = await send(v, 'Hi');
    const { customer } = await conversationOf(res.body.data.conversationId);
    expect(customer.name).toBe(generatedVisitorName(v).name);
    expect(customer.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(customer.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(generatedVisitorName(v)).toEqual(generatedVisitorName(v));
    const names = new Set(Array.from({ length: 40 }, () => generatedVisitorName(randomUUID()).name));
    expect(names.size).toBeGreaterThan(30);
  });

  test('a real name given later replaces the generated one; a given name is never replaced', async () => {
    const v = visitor();
    const id = (await send(v, 'Hi')).body.data.conversationId;
    await send(v, 'It is me', { name: 'Ada Lovelace' });
    expect((await conversationOf(id)).customer.name).toBe('Ada Lovelace');
    await send(v, 'Still me', { name: 'Someone Else' });
    expect((await conversationOf(id)).customer.name).toBe('Ada Lovelace');
  });
});

describe('identify', () => {
  let secret: string;
  beforeAll(async () => {
    const script = await A.ADMIN.get(`/api/channels/${channelId}/widget-script`);
    secret = script.body.data.identitySecret;
  });

  test('the identity secret is shown to admins only, stable, and never to another organization', async () => {
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect((await A.ADMIN.get(`/api/channels/${channelId}/widget-script`)).body.data.identitySecret).toBe(secret);
    expect((await A.AGENT.get(`/api/channels/${channelId}/widget-script`)).body.data.identitySecret).toBeUndefined();
    expect((await B.ADMIN.get(`/api/channels/${channelId}/widget-script`)).status).toBe(404);
  });

  test('a valid hash verifies: name and e-mail are set, and the visitor joins the customer known by that user id', async () => {
    const v1 = visitor();
    const id1 = (await send(v1, 'First device')).body.data.conversationId;
    const ok = await anon().post(`/api/widget/${channelId}/identify`, { visitorId: v1, userId: 'user-42', name: 'Grace Hopper', email: 'Grace@Example.com', userHash: hmac(secret, 'user-42') });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toEqual({ verified: true, name: 'Grace Hopper' });
    const { customer } = await conversationOf(id1);
    expect(customer).toMatchObject({ name: 'Grace Hopper', email: 'grace@example.com' });

    // The same user on another device: linked to the same customer, with their conversation.
    const v2 = visitor();
    const id2 = (await send(v2, 'Second device')).body.data.conversationId;
    const again = await anon().post(`/api/widget/${channelId}/identify`, { visitorId: v2, userId: 'user-42', userHash: hmac(secret, 'user-42') });
    expect(again.body.data.verified).toBe(true);
    expect((await conversationOf(id2)).customer.id).toBe(customer.id);
  });

  test('an invalid hash is refused with 403 and changes nothing; the chat goes on anonymously', async () => {
    const v = visitor();
    const id = (await send(v, 'Hi')).body.data.conversationId;
    const before = (await conversationOf(id)).customer;
    const bad = await anon().post(`/api/widget/${channelId}/identify`, { visitorId: v, userId: 'user-42', name: 'Impostor', userHash: hmac('wrong-secret', 'user-42') });
    expect(bad.status).toBe(403);
    expect(errorOf(bad).message).toMatch(/userHash/);
    expect((await conversationOf(id)).customer).toEqual(before);
    expect((await send(v, 'Still chatting')).status).toBe(201);
    expect((await anon().post(`/api/widget/${channelId}/identify`, { visitorId: v, userId: 'u', userHash: 'zz' })).status).toBe(400);
  });

  test('without verification a name is taken as the visitor\'s own claim, never linking to anyone', async () => {
    const v = visitor();
    const id = (await send(v, 'Hi')).body.data.conversationId;
    const res = await anon().post(`/api/widget/${channelId}/identify`, { visitorId: v, userId: 'user-42', name: 'Claimed Name', email: 'grace@example.com' });
    expect(res.body.data).toEqual({ verified: false, name: 'Claimed Name' });
    const { customer } = await conversationOf(id);
    expect(customer.name).toBe('Claimed Name');
    expect(customer.email).toBeNull();
  });

  test('identityVerification: true requires the hash', async () => {
    const ch = (await A.ADMIN.post('/api/channels', { type: 'WEBSITE_CHAT', name: 'Strict', credentials: {} })).body.data.id;
    const patched = await A.ADMIN.patch(`/api/channels/${ch}/widget-config`, { identityVerification: true });
    expect(patched.body.data.identityVerification).toBe(true);
    expect((await A.ADMIN.patch(`/api/channels/${ch}/widget-config`, { identityVerification: 'yes' })).status).toBe(400);
    const strictSecret = (await A.ADMIN.get(`/api/channels/${ch}/widget-script`)).body.data.identitySecret;
    const v = visitor();
    const missing = await anon().post(`/api/widget/${ch}/identify`, { visitorId: v, userId: 'u-1', name: 'Nope' });
    expect(missing.status).toBe(403);
    // Nor does a message's own name claim count on such a channel: the visitor keeps a generated name.
    const sent = await anon().post('/api/widget/message', { channelId: ch, visitorId: v, content: 'Hi', name: 'Claimed', email: 'claimed@example.com' });
    expect(sent.status).toBe(201);
    const claimed = (await conversationOf(sent.body.data.conversationId)).customer;
    expect(claimed).toMatchObject({ name: generatedVisitorName(v).name, email: null });
    const good = await anon().post(`/api/widget/${ch}/identify`, { visitorId: v, userId: 'u-1', name: 'Yes', userHash: hmac(strictSecret, 'u-1') });
    expect(good.body.data).toEqual({ verified: true, name: 'Yes' });
  });
});

/** Mails to one address: the set-up's invitations and notification e-mails reach the same sink. */
const mailsTo = (address: string) => sink.mails.filter((m) => (m.to && 'text' in m.to ? m.to.text : '').includes(address));

describe('offline e-mail capture', () => {
  test('the address is validated and stored; an agent reply the visitor cannot see is e-mailed there with a link back', async () => {
    const v = visitor();
    const id = (await send(v, 'Anyone there?', { context })).body.data.conversationId;
    expect((await anon().post(`/api/widget/${channelId}/email`, { visitorId: v, email: 'not-an-email' })).status).toBe(400);
    const saved = await anon().post(`/api/widget/${channelId}/email`, { visitorId: v, email: 'Visitor@Example.net' });
    expect(saved.status).toBe(200);
    expect((await conversationOf(id)).customer.email).toBe('visitor@example.net');

    const before = mailsTo('visitor@example.net').length;
    const reply = await A.AGENT.post(`/api/conversations/${id}/messages`, { conversationId: id, content: 'Here is <your> answer' });
    expect(reply.status).toBe(201);
    await expect.poll(() => mailsTo('visitor@example.net').length, { timeout: 15_000, interval: 200 }).toBe(before + 1);
    const mail = mailsTo('visitor@example.net').at(-1)!;
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('visitor@example.net');
    const org = (await A.ADMIN.get('/api/organization')).body.data;
    const orgName = org.organization?.name ?? org.name;
    expect(mail.subject).toContain(orgName);
    expect(mail.text).toContain('Here is <your> answer');
    expect(mail.text).toContain(context.pageUrl);
    expect(String(mail.html)).toContain('Here is &#60;your&#62; answer');
    expect(String(mail.html)).toContain('href="https://shop.example/pricing?plan=pro"');
  });

  test('an address another customer has is kept for this visitor without linking them', async () => {
    const v = visitor();
    const id = (await send(v, 'Hello')).body.data.conversationId;
    const res = await anon().post(`/api/widget/${channelId}/email`, { visitorId: v, email: 'grace@example.com' });
    expect(res.status).toBe(200);
    const { customer } = await conversationOf(id);
    expect(customer.email).toBeNull();
    const before = mailsTo('grace@example.com').length;
    await A.AGENT.post(`/api/conversations/${id}/messages`, { conversationId: id, content: 'Reply by mail' });
    await expect.poll(() => mailsTo('grace@example.com').length, { timeout: 15_000, interval: 200 }).toBe(before + 1);
    expect(mailsTo('grace@example.com').at(-1)!.text).toContain('Reply by mail');
  });
});

describe('offline e-mail is only for visitors who are away', () => {
  test('a reply the visitor\'s open socket took (DELIVERED) sends no mail', async () => {
    const v = visitor();
    const id = (await send(v, 'I am here')).body.data.conversationId;
    await anon().post(`/api/widget/${channelId}/email`, { visitorId: v, email: `here-${Date.now()}@example.net` });
    const s = new TestSocket(new WebSocket(`${wsBase}/api/widget/${channelId}/ws?visitorId=${v}`));
    await s.ready();
    const before = sink.mails.length;
    const reply = (await A.AGENT.post(`/api/conversations/${id}/messages`, { conversationId: id, content: 'Live answer' })).body.data;
    await s.waitFor((f) => f.type === 'message' && f.data.content === 'Live answer');
    await expect.poll(async () => (await A.AGENT.get(`/api/conversations/${id}/messages`)).body.data.items.find((m: { id: string }) => m.id === reply.id).status).toBe('DELIVERED');
    await t.app.events.dispatch();
    await new Promise((r) => setTimeout(r, 1500));
    expect(sink.mails.length).toBe(before);

    // The socket's `read` frame: the same receipt as the HTTP route.
    s.send({ type: 'read', data: { messageId: reply.id } });
    await expect.poll(async () => (await A.AGENT.get(`/api/conversations/${id}/messages`)).body.data.items.find((m: { id: string }) => m.id === reply.id).status).toBe('READ');
    await s.close();
  });
});

describe('read receipts', () => {
  test('agent replies up to the seen one become READ, forward only; foreign messages are 404', async () => {
    const v = visitor();
    const id = (await send(v, 'Hi')).body.data.conversationId;
    const r1 = (await A.AGENT.post(`/api/conversations/${id}/messages`, { conversationId: id, content: 'One' })).body.data;
    const r2 = (await A.AGENT.post(`/api/conversations/${id}/messages`, { conversationId: id, content: 'Two' })).body.data;
    const r3 = (await A.AGENT.post(`/api/conversations/${id}/messages`, { conversationId: id, content: 'Three' })).body.data;
    const statusOf = async (mid: string) => (await A.AGENT.get(`/api/conversations/${id}/messages`)).body.data.items.find((m: { id: string }) => m.id === mid).status;
    await expect.poll(() => statusOf(r3.id), { timeout: 10_000 }).toBe('SENT');

    const res = await anon().post(`/api/widget/${channelId}/read`, { visitorId: v, messageId: r2.id });
    expect(res.status).toBe(200);
    expect(res.body.data.read).toBe(2);
    expect(await statusOf(r1.id)).toBe('READ');
    expect(await statusOf(r2.id)).toBe('READ');
    expect(await statusOf(r3.id)).toBe('SENT');
    expect((await anon().post(`/api/widget/${channelId}/read`, { visitorId: v, messageId: r2.id })).body.data.read).toBe(0);

    // Another visitor cannot mark this conversation's messages.
    const other = visitor();
    await send(other, 'Me too');
    expect((await anon().post(`/api/widget/${channelId}/read`, { visitorId: other, messageId: r3.id })).status).toBe(404);
    expect((await anon().post(`/api/widget/${channelId}/read`, { visitorId: v, messageId: 'nope' })).status).toBe(404);
    expect((await anon().post(`/api/widget/${channelId}/read`, { visitorId: 'short', messageId: r3.id })).status).toBe(400);
  });

  test('a reply read before the delivery worker recorded it (the socket push came first) still becomes READ, and stays READ', async () => {
    const v = visitor();
    const id = (await send(v, 'Quick')).body.data.conversationId;
    const reply = (await A.AGENT.post(`/api/conversations/${id}/messages`, { conversationId: id, content: 'Fast answer' })).body.data;
    const statusOf = async () => (await A.AGENT.get(`/api/conversations/${id}/messages`)).body.data.items.find((m: { id: string }) => m.id === reply.id);
    await expect.poll(async () => (await statusOf()).status, { timeout: 10_000 }).not.toBe('PENDING');
    // The race, made deterministic: the widget saw the pushed reply before the worker wrote its outcome.
    await t.app.db.update(messages).set({ status: 'PENDING', sentAt: null, deliveredAt: null }).where(eq(messages.id, reply.id));
    const res = await anon().post(`/api/widget/${channelId}/read`, { visitorId: v, messageId: reply.id });
    expect(res.body.data.read).toBe(1);
    const row = await statusOf();
    expect(row.status).toBe('READ');
    expect(row.sentAt).not.toBeNull();
  });
});
