import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { buildTestApp, client, errorOf, twoOrganizations, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { listen, TestSocket } from '../../../test/helpers/instances.ts';
import { isWithinBusinessHours } from './business-hours.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let t: TestApp;
let A: Org;
let B: Org;
let channelId: string;
let emailChannelId: string;
let wsBase: string;
const anon = () => client(t.app);
const visitor = () => randomUUID();
const send = (v: string, content: string, extra: Record<string, unknown> = {}) => anon().post('/api/widget/message', { channelId, visitorId: v, content, ...extra });

beforeAll(async () => {
  t = await buildTestApp();
  ({ A, B } = await twoOrganizations(t.app));
  channelId = (await A.ADMIN.post('/api/channels', { type: 'WEBSITE_CHAT', name: 'Site', credentials: {} })).body.data.id;
  emailChannelId = (await A.ADMIN.post('/api/channels', {
    type: 'EMAIL', name: 'Mail', credentials: { host: 'smtp.example.com', port: 587, username: 'u', password: 'p', from: 'help@example.com' },
  })).body.data.id;
  await A.ADMIN.patch(`/api/channels/${channelId}/widget-config`, { color: '#0f766e', greeting: 'Hello there' });
  wsBase = await listen(t.app);
});
afterAll(() => t.close());

describe('public widget reads', () => {
  test('config: appearance, greeting, language; unknown or non-chat channels are 404; CORS for any origin', async () => {
    const res = await anon().get(`/api/widget/${channelId}/config`, { origin: 'https://shop.example' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ channelId, name: 'Site', appearance: { color: '#0f766e', position: 'right', launcherText: 'Chat with us' }, greeting: 'Hello there', language: 'en' });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['x-ratelimit-limit']).toBeDefined();
    expect((await anon().get(`/api/widget/${randomUUID()}/config`)).status).toBe(404);
    expect(errorOf(await anon().get(`/api/widget/${emailChannelId}/config`)).code).toBe('NOT_FOUND');
  });

  test('a preflight from another origin is answered', async () => {
    const res = await t.app.inject({ method: 'OPTIONS', url: '/api/widget/message', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(res.statusCode).toBeLessThan(300);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(String(res.headers['access-control-allow-headers'])).toMatch(/content-type/);
  });

  test('faqs: at most 5, the channel\'s own first', async () => {
    for (let i = 1; i <= 6; i++) await A.ADMIN.post('/api/faqs', { channelId, question: `Q${i}?`, answer: `A${i}.` });
    const res = await anon().get(`/api/widget/${channelId}/faqs`);
    expect(res.body.data.items.map((f: { question: string }) => f.question)).toEqual(['Q1?', 'Q2?', 'Q3?', 'Q4?', 'Q5?']);
    expect(Object.keys(res.body.data.items[0]).sort()).toEqual(['answer', 'id', 'question']);
  });

  test('status: online only while an agent has a live dashboard socket', async () => {
    expect((await anon().get(`/api/widget/${channelId}/status`)).body.data).toEqual({ online: false, withinBusinessHours: null });
    const agent = new TestSocket(new WebSocket(`${wsBase}/api/realtime`, { headers: { cookie: `helpstack_session=${A.AGENT.cookie}` } }));
    await agent.waitFor((f) => f.type === 'ready');
    await expect.poll(async () => (await anon().get(`/api/widget/${channelId}/status`)).body.data.online).toBe(true);
    agent.ws.close();
    await agent.closed;
    await expect.poll(async () => (await anon().get(`/api/widget/${channelId}/status`)).body.data.online).toBe(false);
  });

  test('business hours are read in the channel\'s time zone', () => {
    const hours = { timezone: 'Europe/Ljubljana', days: [{ day: 1, open: '09:00', close: '17:00' }] };
    expect(isWithinBusinessHours(hours, new Date('2026-11-23T08:30:00Z'))).toBe(true); // Monday 09:30 CET
    expect(isWithinBusinessHours(hours, new Date('2026-11-23T07:30:00Z'))).toBe(false); // Monday 08:30 CET
    expect(isWithinBusinessHours(hours, new Date('2026-11-24T08:30:00Z'))).toBe(false); // Tuesday
  });
});

describe('visitor messages over HTTP', () => {
  test('first message creates customer and conversation; the same visitor continues it; another visitor gets its own', async () => {
    const v1 = visitor();
    const first = await send(v1, 'hello from v1', { name: 'Vera' });
    expect(first.status).toBe(201);
    expect(first.body.data.message).toMatchObject({ direction: 'INBOUND', senderType: 'CUSTOMER', content: 'hello from v1' });
    const again = await send(v1, 'still me');
    expect(again.body.data.conversationId).toBe(first.body.data.conversationId);
    const other = await send(visitor(), 'someone else');
    expect(other.body.data.conversationId).not.toBe(first.body.data.conversationId);

    const conv = await A.VIEWER.get(`/api/conversations/${first.body.data.conversationId}`);
    expect(conv.body.data).toMatchObject({ channelId, unread: true, unreadCount: 2, customer: { name: 'Vera' } });
    expect((await B.ADMIN.get(`/api/conversations/${first.body.data.conversationId}`)).status).toBe(404);
  });

  test('a visitor reads only its own conversation', async () => {
    const [v1, v2] = [visitor(), visitor()];
    await send(v1, 'secret of v1');
    const mine = await anon().get(`/api/widget/${channelId}/conversation?visitorId=${v1}`);
    expect(mine.body.data.messages.map((m: { content: string }) => m.content)).toEqual(['secret of v1']);
    const theirs = await anon().get(`/api/widget/${channelId}/conversation?visitorId=${v2}`);
    expect(theirs.body.data).toEqual({ conversationId: null, messages: [] });
    expect((await anon().get(`/api/widget/${channelId}/conversation?visitorId=short`)).status).toBe(400);
  });

  test('exactly once: a retried clientMessageId returns the first message and stores nothing new', async () => {
    const v = visitor();
    const clientMessageId = randomUUID();
    const first = await send(v, 'only once', { clientMessageId });
    const retry = await send(v, 'only once', { clientMessageId });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body.data.message.id).toBe(first.body.data.message.id);
    const msgs = await A.AGENT.get(`/api/conversations/${first.body.data.conversationId}/messages`);
    expect(msgs.body.data.items.filter((m: { content: string }) => m.content === 'only once')).toHaveLength(1);
  });

  test('an email typed into the widget never attaches the visitor to an existing customer', async () => {
    const victim = (await A.AGENT.post('/api/conversations', { channelId, customer: { email: 'victim@example.com', name: 'Victim' }, content: 'private reply' })).body.data;
    const attacker = visitor();
    const res = await send(attacker, 'hi', { email: 'victim@example.com' });
    expect(res.body.data.conversationId).not.toBe(victim.id);
    const history = await anon().get(`/api/widget/${channelId}/conversation?visitorId=${attacker}`);
    expect(JSON.stringify(history.body)).not.toContain('private reply');
  });

  test('bad bodies are 400 with fields; an unknown channel is 404', async () => {
    const res = await anon().post('/api/widget/message', { channelId, visitorId: visitor(), content: '' });
    expect(errorOf(res).fields).toHaveProperty('content');
    expect((await anon().post('/api/widget/message', { channelId: randomUUID(), visitorId: visitor(), content: 'x' })).status).toBe(404);
    expect((await anon().post('/api/widget/message', { channelId, visitorId: visitor(), content: 'x', admin: true })).status).toBe(400);
  });

  test('a flood from one visitor is limited (~20/min) without affecting another visitor', async () => {
    const flooder = visitor();
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 22; i++) {
      last = await send(flooder, `flood ${i}`);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(last!.headers['retry-after']).toBeDefined();
    expect((await send(visitor(), 'I am fine')).status).toBe(201);
  });
});

describe('uploads and downloads', () => {
  const upload = (v: string, bytes: Buffer, name: string) => {
    const form = new FormData();
    form.append('visitorId', v);
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    const req = new Request('http://x', { method: 'POST', body: form });
    return req.arrayBuffer().then((body) => t.app.inject({ method: 'POST', url: `/api/widget/${channelId}/upload`, headers: { 'content-type': req.headers.get('content-type')! }, payload: Buffer.from(body) }));
  };

  test('a visitor uploads, attaches, and downloads its own file; another visitor can neither attach nor fetch it', async () => {
    const [v1, v2] = [visitor(), visitor()];
    const up = await upload(v1, PNG, 'pixel.png');
    expect(up.statusCode).toBe(201);
    const file = JSON.parse(up.body).data;
    expect(file).toMatchObject({ mimeType: 'image/png', size: PNG.length, name: 'pixel.png' });
    expect((await send(v2, 'steal', { attachments: [file.path] })).status).toBe(400);
    const msg = await send(v1, 'see attached', { attachments: [file.path] });
    expect(msg.status).toBe(201);
    expect(msg.body.data.message.attachments[0]).toMatchObject({ id: file.id, mimeType: 'image/png' });
    const own = await t.app.inject({ method: 'GET', url: msg.body.data.message.attachments[0].url });
    expect(own.statusCode).toBe(200);
    expect(own.headers['x-content-type-options']).toBe('nosniff');
    expect(own.rawPayload.equals(PNG)).toBe(true);
    const stolen = await t.app.inject({ method: 'GET', url: `/api/widget/${channelId}/media/${file.id}?visitorId=${v2}` });
    expect(stolen.statusCode).toBe(404);
  });

  test('an executable is refused (415) and a missing visitorId is 400', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]);
    expect((await upload(visitor(), elf, 'tool.png')).statusCode).toBe(415);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)]), 'p.png');
    const req = new Request('http://x', { method: 'POST', body: form });
    const res = await t.app.inject({ method: 'POST', url: `/api/widget/${channelId}/upload`, headers: { 'content-type': req.headers.get('content-type')! }, payload: Buffer.from(await req.arrayBuffer()) });
    expect(res.statusCode).toBe(400);
  });
});

describe('visitor WebSocket', () => {
  const open = (v: string) => new TestSocket(new WebSocket(`${wsBase}/api/widget/${channelId}/ws?visitorId=${v}`, { headers: { origin: 'https://shop.example' } }));

  test('ready carries history; a message is acked once even when resent; an agent reply arrives in real time', async () => {
    const v = visitor();
    await send(v, 'before the socket');
    const s = open(v);
    const ready = await s.waitFor((f) => f.type === 'ready');
    expect(ready.data.messages.map((m: { content: string }) => m.content)).toEqual(['before the socket']);

    const clientMessageId = randomUUID();
    s.ws.send(JSON.stringify({ type: 'message', data: { clientMessageId, content: 'over the socket' } }));
    const ack = await s.waitFor((f) => f.type === 'ack');
    s.ws.send(JSON.stringify({ type: 'message', data: { clientMessageId, content: 'over the socket' } }));
    await expect.poll(() => s.frames.filter((f) => f.type === 'ack').length).toBe(2);
    const acks = s.frames.filter((f) => f.type === 'ack');
    expect(acks[1]!.data.message.id).toBe(ack.data.message.id);

    const conversationId = ack.data.message.conversationId;
    const started = Date.now();
    const reply = await A.AGENT.post(`/api/conversations/${conversationId}/messages`, { conversationId, content: 'Agent here' });
    expect(reply.status).toBe(201);
    const pushed = await s.waitFor((f) => f.type === 'message' && f.data.content === 'Agent here', 3000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(pushed.data).toMatchObject({ direction: 'OUTBOUND', senderType: 'AGENT' });
    expect(pushed.data).not.toHaveProperty('authorId');
    // Found by content: the reply claimed the conversation, so an activity line may follow it (CONTRACT §12).
    await expect.poll(async () => (await A.AGENT.get(`/api/conversations/${conversationId}/messages`)).body.data.items.find((m: { content: string }) => m.content === 'Agent here').status).toBe('DELIVERED');
    s.ws.close();
  });

  test('garbage frames get an error frame and the socket stays usable; ping answers pong', async () => {
    const s = open(visitor());
    await s.waitFor((f) => f.type === 'ready');
    s.ws.send('not json');
    s.ws.send(JSON.stringify({ type: 'hack', data: {} }));
    await expect.poll(() => s.frames.filter((f) => f.type === 'error').length).toBe(2);
    s.ws.send(JSON.stringify({ type: 'ping' }));
    await s.waitFor((f) => f.type === 'pong');
    s.ws.close();
  });

  test('a bad channel or visitor id is refused before the upgrade', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/widget/${randomUUID()}/ws?visitorId=${visitor()}` });
    expect(res.statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'GET', url: `/api/widget/${channelId}/ws?visitorId=x` });
    expect(bad.statusCode).toBe(400);
  });
});

describe('typing both ways', () => {
  test('an agent typing shows in the visitor\'s widget; the visitor typing reaches the agents', async () => {
    const v = visitor();
    const conversationId = (await send(v, 'typing test')).body.data.conversationId;
    const s = new TestSocket(new WebSocket(`${wsBase}/api/widget/${channelId}/ws?visitorId=${v}`));
    await s.waitFor((f) => f.type === 'ready');
    const agent = new TestSocket(new WebSocket(`${wsBase}/api/realtime`, { headers: { cookie: `helpstack_session=${A.AGENT.cookie}` } }));
    await agent.waitFor((f) => f.type === 'ready');
    agent.ws.send(JSON.stringify({ type: 'typing', data: { conversationId, typing: true } }));
    await s.waitFor((f) => f.type === 'typing' && f.data.typing === true);
    s.ws.send(JSON.stringify({ type: 'typing', data: { typing: true } }));
    await agent.waitFor((f) => f.type === 'typing' && f.data.visitor === true && f.data.conversationId === conversationId);
    s.ws.close();
    agent.ws.close();
  });
});
