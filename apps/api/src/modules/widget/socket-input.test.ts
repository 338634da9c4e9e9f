import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import { buildTestApp, signupActor, type TestApp } from '../../../test/helpers/app.ts';
import { listen, TestSocket } from '../../../test/helpers/instances.ts';

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

test('a visitor frame with text PostgreSQL cannot store gets an error frame, not a failed query; the socket stays usable', async () => {
  const visitorId = randomUUID();
  const s = new TestSocket(new WebSocket(`${wsBase}/api/widget/${channelId}/ws?visitorId=${visitorId}`));
  await s.waitFor((f) => f.type === 'ready');
  for (const content of ['nul\u0000inside', 'lone \ud800 surrogate']) {
    const clientMessageId = randomUUID();
    s.ws.send(JSON.stringify({ type: 'message', data: { clientMessageId, content } }));
    const error = await s.waitFor((f) => f.type === 'error' && f.data.clientMessageId === clientMessageId);
    expect(error.data.code).toBe('VALIDATION_ERROR');
  }
  const clientMessageId = randomUUID();
  s.ws.send(JSON.stringify({ type: 'message', data: { clientMessageId, content: 'fine 😀' } }));
  const ack = await s.waitFor((f) => f.type === 'ack' && f.data.clientMessageId === clientMessageId);
  expect(ack.data.message.content).toBe('fine 😀');
  s.ws.close();
});
