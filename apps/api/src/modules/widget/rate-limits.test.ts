import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { buildTestApp, signupActor, type TestApp } from '../../../test/helpers/app.ts';
import { rows } from '../../../test/helpers/database.ts';
import { listen, TestSocket } from '../../../test/helpers/instances.ts';

// CONTRACT §5: ~20/min per visitor, and at most ~60/min per IP across visitors, so fresh visitorIds
// from one address stop creating conversations. Each test uses its own client address.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let t: TestApp;
let channelId: string;
let wsBase: string;
beforeAll(async () => {
  t = await buildTestApp();
  const admin = await signupActor(t.app);
  channelId = (await admin.post('/api/channels', { type: 'WEBSITE_CHAT', name: 'Site', credentials: {} })).body.data.id;
  wsBase = await listen(t.app);
});
afterAll(() => t.close());

const conversationCount = async () =>
  (await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from conversations where channel_id = ${channelId}`))[0]!.n;

const message = (remoteAddress: string, visitorId = randomUUID()) =>
  t.app.inject({ method: 'POST', url: '/api/widget/message', remoteAddress, payload: { channelId, visitorId, content: 'hello' } });

async function upload(remoteAddress: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PNG)]), 'pixel.png');
  const req = new Request('http://x', { method: 'POST', body: form });
  const payload = Buffer.from(await req.arrayBuffer());
  return t.app.inject({ method: 'POST', url: `/api/widget/${channelId}/upload?visitorId=${randomUUID()}`, remoteAddress, headers: { 'content-type': req.headers.get('content-type')! }, payload });
}

describe('per-IP widget limits across visitors', () => {
  test('61 messages with fresh visitorIds from one IP: the 61st is 429 and creates no conversation; another IP is unaffected', async () => {
    const before = await conversationCount();
    for (let i = 0; i < 60; i++) expect((await message('198.51.100.40')).statusCode).toBe(201);
    expect(await conversationCount()).toBe(before + 60);
    const limited = await message('198.51.100.40');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ success: false, error: { code: 'RATE_LIMITED' } });
    expect(limited.headers['x-ratelimit-limit']).toBe('60');
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    expect(limited.headers['retry-after']).toBeDefined();
    expect(await conversationCount()).toBe(before + 60);
    expect((await message('198.51.100.41')).statusCode).toBe(201);
  });

  test('one visitor\'s budget (~20/min) is shared by HTTP and its WebSocket', async () => {
    const visitorId = randomUUID();
    for (let i = 0; i < 20; i++) expect((await message('198.51.100.44', visitorId)).statusCode).toBe(201);
    const socket = new TestSocket(new WebSocket(`${wsBase}/api/widget/${channelId}/ws?visitorId=${visitorId}`));
    await socket.ready();
    socket.send({ type: 'message', data: { clientMessageId: randomUUID(), content: 'one more' } });
    expect((await socket.waitFor((f) => f.type === 'error')).data.code).toBe('RATE_LIMITED');
    await socket.close();
  });

  test('the visitor WebSocket shares the per-IP budget: once spent, a fresh visitor\'s frame is refused and stores nothing', async () => {
    // The socket connects from 127.0.0.1; spend that address's budget over HTTP first.
    for (let i = 0; i < 60; i++) expect((await message('127.0.0.1')).statusCode).toBe(201);
    const before = await conversationCount();
    const socket = new TestSocket(new WebSocket(`${wsBase}/api/widget/${channelId}/ws?visitorId=${randomUUID()}`));
    await socket.ready();
    const clientMessageId = randomUUID();
    socket.send({ type: 'message', data: { clientMessageId, content: 'over the socket' } });
    const refused = await socket.waitFor((f) => f.type === 'error');
    expect(refused.data).toMatchObject({ code: 'RATE_LIMITED', clientMessageId });
    await socket.close();
    expect(await conversationCount()).toBe(before);
  });

  test('uploads from fresh visitorIds are limited per IP too (~30/min)', async () => {
    for (let i = 0; i < 30; i++) expect((await upload('198.51.100.42')).statusCode).toBe(201);
    const limited = await upload('198.51.100.42');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect((await upload('198.51.100.43')).statusCode).toBe(201);
  });
});
