import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { messages, organizations } from '../../db/schema/index.ts';
import { buildTestApp, errorOf, twoOrganizations, type Actor, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { rows } from '../../../test/helpers/database.ts';
import { insertChannel as insertChannelRow } from '../../../test/helpers/fixtures.ts';
import { recordInboundMessage } from '../inbox/record-inbound-message.ts';
import { startFakeLlm, type FakeLlm } from '../../../test/helpers/fake-llm.ts';

let t: TestApp;
let llm: FakeLlm;
let A: Org;
let B: Org;
let chatA: string;
let plainA: string;

const PNG_1x1 = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

const insertChannel = async (organizationId: string, values: Omit<Parameters<typeof insertChannelRow>[1], 'organizationId'> = {}) =>
  (await insertChannelRow(t.app.db, { name: 'Chat', ...values, organizationId })).id;

async function conversation(as: Actor, body: Record<string, unknown>) {
  const res = await as.post('/api/conversations', body);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { id: string; lastMessageAt: string };
}
const send = (as: Actor, id: string, body: Record<string, unknown> = {}) => as.post(`/api/conversations/${id}/messages`, { conversationId: id, content: 'Hello from support', ...body });

async function upload(as: Actor, bytes: Buffer, name: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const req = new Request('http://local/', { method: 'POST', body: form });
  const payload = Buffer.from(await req.arrayBuffer());
  const res = await as.post('/api/media/upload', payload, { 'content-type': req.headers.get('content-type')! });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { id: string; path: string; name: string; mimeType: string; size: number };
}

const balanceOf = async (organizationId: string) =>
  (await t.app.db.select({ b: organizations.tokenBalance }).from(organizations).where(eq(organizations.id, organizationId)))[0]!.b;
const setBalance = (organizationId: string, n: number) => t.app.db.update(organizations).set({ tokenBalance: n }).where(eq(organizations.id, organizationId));
/** Messages of the conversation, not counting activity lines (a first reply claims the conversation: CONTRACT §12). */
const messageCount = async (conversationId: string) =>
  (await rows<{ n: number }>(t.app.db, sql`select count(*)::int as n from messages where conversation_id = ${conversationId} and sender_type <> 'SYSTEM'`))[0]!.n;

/** A reply waiting for approval is translated in the background; approving waits for that (409 before). */
async function translated(id: string) {
  for (let i = 0; i < 150; i++) {
    await t.app.events.dispatch();
    const [row] = await t.app.db.select({ status: messages.translationStatus }).from(messages).where(eq(messages.id, id));
    if (row!.status !== 'PENDING') return row!.status;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`message ${id} still being translated`);
}

beforeAll(async () => {
  llm = await startFakeLlm();
  t = await buildTestApp({ OUTBOUND_ALLOW: `127.0.0.1:${llm.port}` });
  ({ A, B } = await twoOrganizations(t.app));
  // Translation needs a provider (CONTRACT §8.3): org A has one, org B none.
  const provider = await A.ADMIN.post('/api/ai-providers', { name: 'Fake', type: 'OPENAI', model: 'gpt-fake', apiKey: 'sk-test-messages', baseUrl: llm.openaiUrl });
  if (provider.status !== 201) throw new Error(`provider: ${provider.status}`);
  chatA = await insertChannel(A.ADMIN.organizationId, { autoTranslate: true, defaultLanguage: 'en' });
  plainA = await insertChannel(A.ADMIN.organizationId, { autoTranslate: false, defaultLanguage: 'en' });
});
afterAll(async () => {
  await t.close();
  await llm.close();
});
afterEach(() => vi.restoreAllMocks());

describe('POST /api/conversations/:id/messages', () => {
  test('AGENT and ADMIN send: 201 with the Message object of CONTRACT §3', async () => {
    const c = await conversation(A.AGENT, { channelId: chatA });
    const res = await send(A.AGENT, c.id, { content: '  Thanks — here is how to fix that.  ' });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({
      id: expect.any(String),
      conversationId: c.id,
      direction: 'OUTBOUND',
      senderType: 'AGENT',
      authorId: A.AGENT.userId,
      content: '  Thanks — here is how to fix that.  ',
      translatedContent: null,
      language: null,
      translatedLanguage: null,
      translationStatus: 'NONE',
      originalContent: null,
      approved: true,
      status: 'PENDING',
      error: null,
      attempts: 0,
      attachments: [],
      email: null,
      private: false,
      mentions: [],
      createdAt: expect.any(String),
    });
    expect((await send(A.ADMIN, c.id)).status).toBe(201);
    const conv = (await A.VIEWER.get(`/api/conversations/${c.id}`)).body.data;
    expect(conv.lastMessagePreview).toBe('Hello from support');
    expect(conv.lastMessageAt >= res.body.data.createdAt).toBe(true);
    expect(conv.unreadCount).toBe(0);
  });

  test('VIEWER 403, anonymous 401, another organization 404 — nothing stored, no token taken', async () => {
    const c = await conversation(A.AGENT, { channelId: chatA });
    const before = await balanceOf(A.ADMIN.organizationId);
    expect((await send(A.VIEWER, c.id)).status).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/conversations/${c.id}/messages`, payload: { conversationId: c.id, content: 'x' } })).statusCode).toBe(401);
    const foreign = await send(B.AGENT, c.id);
    expect(foreign.status).toBe(404);
    expect(errorOf(foreign).code).toBe('NOT_FOUND');
    expect(await messageCount(c.id)).toBe(0);
    expect(await balanceOf(A.ADMIN.organizationId)).toBe(before);
  });

  test('conversationId must equal the path id; content min 1; unknown fields refused — 400 with fields', async () => {
    const c = await conversation(A.AGENT, { channelId: chatA });
    const other = await conversation(A.AGENT, { channelId: chatA });
    const mismatch = await A.AGENT.post(`/api/conversations/${c.id}/messages`, { conversationId: other.id, content: 'wrong place' });
    expect(mismatch.status).toBe(400);
    expect(errorOf(mismatch)).toMatchObject({ code: 'VALIDATION_ERROR', fields: { conversationId: expect.any(Array) } });
    for (const [body, field] of [
      [{ conversationId: c.id, content: '' }, 'content'],
      [{ conversationId: c.id, content: ' \n ' }, 'content'],
      [{ conversationId: c.id }, 'content'],
      [{ content: 'x' }, 'conversationId'],
      [{ conversationId: c.id, content: 'x', attachments: 'a.png' }, 'attachments'],
      [{ conversationId: c.id, content: 'x', direction: 'INBOUND' }, 'direction'],
    ] as const) {
      const res = await A.AGENT.post(`/api/conversations/${c.id}/messages`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(res).fields).toHaveProperty([field]);
    }
    expect(await messageCount(c.id)).toBe(0);
    expect(await messageCount(other.id)).toBe(0);
  });

  test('attachments: the organization\'s media paths become {id, name, mimeType, size, url}; foreign or unknown paths are 400', async () => {
    const c = await conversation(A.AGENT, { channelId: chatA });
    const mine = await upload(A.AGENT, PNG_1x1, 'pixel.png');
    const res = await send(A.AGENT, c.id, { attachments: [mine.path, mine.path] });
    expect(res.status).toBe(201);
    expect(res.body.data.attachments).toEqual([{ id: mine.id, name: 'pixel.png', mimeType: 'image/png', size: PNG_1x1.length, url: `/api/media/${mine.id}?download=1` }]);
    const theirs = await upload(B.AGENT, PNG_1x1, 'theirs.png');
    for (const paths of [[theirs.path], [mine.path, 'nope/nothing'], [`${A.ADMIN.organizationId}/../${theirs.path}`]]) {
      const bad = await send(A.AGENT, c.id, { attachments: paths });
      expect(bad.status).toBe(400);
      expect(errorOf(bad).fields).toHaveProperty('attachments');
    }
    expect(await messageCount(c.id)).toBe(1);
  });

  test('each send costs one token; with none left: 402 INSUFFICIENT_TOKENS and nothing stored', async () => {
    const c = await conversation(A.AGENT, { channelId: chatA });
    const before = await balanceOf(A.ADMIN.organizationId);
    await send(A.AGENT, c.id);
    expect(await balanceOf(A.ADMIN.organizationId)).toBe(before - 1);
    const conv = (await A.ADMIN.get(`/api/conversations/${c.id}`)).body.data;
    await setBalance(A.ADMIN.organizationId, 0);
    try {
      const res = await send(A.AGENT, c.id, { content: 'should not be stored' });
      expect(res.status).toBe(402);
      expect(errorOf(res).code).toBe('INSUFFICIENT_TOKENS');
      expect(await messageCount(c.id)).toBe(1);
      expect(await balanceOf(A.ADMIN.organizationId)).toBe(0);
      expect((await A.ADMIN.get(`/api/conversations/${c.id}`)).body.data).toEqual(conv);
    } finally {
      await setBalance(A.ADMIN.organizationId, before);
    }
  });

  test('concurrent sends never drive the balance negative: 5 tokens, 20 sends → exactly 5 stored', async () => {
    const { A: P } = await twoOrganizations(t.app);
    const chat = await insertChannel(P.ADMIN.organizationId);
    const c = await conversation(P.AGENT, { channelId: chat });
    await setBalance(P.ADMIN.organizationId, 5);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => send(i % 2 ? P.AGENT : P.ADMIN, c.id, { content: `burst ${i}` })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 402)).toHaveLength(15);
    expect(await balanceOf(P.ADMIN.organizationId)).toBe(0);
    expect(await messageCount(c.id)).toBe(5);
  });

  test('approved replies are enqueued for delivery and published', async () => {
    const c = await conversation(A.AGENT, { channelId: chatA, language: 'en-GB' });
    const enqueue = vi.spyOn(t.app.delivery, 'enqueue');
    const emit = vi.spyOn(t.app.events, 'emit');
    const res = await send(A.AGENT, c.id);
    expect(res.body.data.approved).toBe(true);
    expect(enqueue).toHaveBeenCalledWith({ id: res.body.data.id, organizationId: A.ADMIN.organizationId });
    expect(emit).toHaveBeenCalledWith(expect.anything(), { organizationId: A.ADMIN.organizationId, type: 'message.created', data: res.body.data });
    // The first reply claims the unassigned conversation: the update says who did it (CONTRACT §12).
    expect(emit).toHaveBeenCalledWith(
      expect.anything(),
      { organizationId: A.ADMIN.organizationId, type: 'conversation.updated', data: expect.objectContaining({ id: c.id, lastMessagePreview: 'Hello from support', assignedToId: A.AGENT.userId }) },
      { actorUserId: A.AGENT.userId, previousAssignedToId: null },
    );
  });

  test('autoTranslate with a known, different customer language: the reply waits for approval and is not delivered', async () => {
    const enqueue = vi.spyOn(t.app.delivery, 'enqueue');
    const waiting = await conversation(A.AGENT, { channelId: chatA, language: 'de' });
    const res = await send(A.AGENT, waiting.id);
    expect(res.body.data.approved).toBe(false);
    expect(enqueue).not.toHaveBeenCalled();
    // No autoTranslate, or an unknown language: approved at once.
    const plain = await conversation(A.AGENT, { channelId: plainA, language: 'de' });
    expect((await send(A.AGENT, plain.id)).body.data.approved).toBe(true);
    const unknown = await conversation(A.AGENT, { channelId: chatA });
    expect((await send(A.AGENT, unknown.id)).body.data.approved).toBe(true);
    // The customer's own language counts when the conversation has none.
    const customer = await conversation(A.AGENT, { channelId: chatA, customer: { email: 'sprache@example.com' } });
    const customerId = (await A.ADMIN.get(`/api/conversations/${customer.id}`)).body.data.customer.id;
    await A.AGENT.patch(`/api/customers/${customerId}`, { language: 'fr' });
    expect((await send(A.AGENT, customer.id)).body.data.approved).toBe(false);
  });
});

describe('POST /api/messages/:id/approve', () => {
  test('approves a waiting reply and enqueues it once; approving again is an idempotent 200', async () => {
    const c = await conversation(A.AGENT, { channelId: chatA, language: 'sl' });
    const m = (await send(A.AGENT, c.id)).body.data;
    expect(m.approved).toBe(false);
    expect(await translated(m.id)).toBe('DONE');
    const enqueue = vi.spyOn(t.app.delivery, 'enqueue');
    const emit = vi.spyOn(t.app.events, 'emit');
    const res = await A.AGENT.post(`/api/messages/${m.id}/approve`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: m.id, approved: true, content: m.content });
    expect(enqueue).toHaveBeenCalledTimes(1);
    expect(enqueue).toHaveBeenCalledWith({ id: m.id, organizationId: A.ADMIN.organizationId });
    expect(emit).toHaveBeenCalledWith(expect.anything(), { organizationId: A.ADMIN.organizationId, type: 'message.updated', data: expect.objectContaining({ id: m.id, approved: true }) });
    const again = await A.ADMIN.post(`/api/messages/${m.id}/approve`);
    expect(again.status).toBe(200);
    expect(again.body.data.approved).toBe(true);
    expect(enqueue).toHaveBeenCalledTimes(1);
  });

  test('concurrent approvals deliver once', async () => {
    const c = await conversation(A.AGENT, { channelId: chatA, language: 'it' });
    const m = (await send(A.AGENT, c.id)).body.data;
    await translated(m.id);
    const enqueue = vi.spyOn(t.app.delivery, 'enqueue');
    const results = await Promise.all(Array.from({ length: 5 }, () => A.AGENT.post(`/api/messages/${m.id}/approve`)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(enqueue).toHaveBeenCalledTimes(1);
  });

  test('VIEWER 403; another organization or unknown id 404, and the message stays unapproved', async () => {
    const c = await conversation(A.AGENT, { channelId: chatA, language: 'es' });
    const m = (await send(A.AGENT, c.id)).body.data;
    expect((await A.VIEWER.post(`/api/messages/${m.id}/approve`)).status).toBe(403);
    const foreign = await B.ADMIN.post(`/api/messages/${m.id}/approve`);
    expect(foreign.status).toBe(404);
    expect(errorOf(foreign).code).toBe('NOT_FOUND');
    expect((await A.ADMIN.post('/api/messages/missing/approve')).status).toBe(404);
    const [row] = await t.app.db.select({ approved: messages.approved }).from(messages).where(eq(messages.id, m.id));
    expect(row!.approved).toBe(false);
  });
});

describe('GET /api/conversations/:id/messages', () => {
  test('oldest→newest for every role; the cursor pages toward older messages without gaps or duplicates', async () => {
    const c = await conversation(A.AGENT, { channelId: plainA, content: 'm0' });
    // Already someone's (set directly: no activity line), so the replies below claim nothing and the timeline is theirs alone.
    await t.app.db.execute(sql`update conversations set assigned_to_id = ${A.ADMIN.userId} where id = ${c.id}`);
    for (let i = 1; i < 8; i++) {
      if (i % 3 === 0) await recordInboundMessage(t.app, { organizationId: A.ADMIN.organizationId, channelId: plainA, externalId: 'unused', content: 'elsewhere' });
      expect((await send(A.AGENT, c.id, { content: `m${i}` })).status).toBe(201);
    }
    const all = await A.VIEWER.get(`/api/conversations/${c.id}/messages`);
    expect(all.status).toBe(200);
    expect(all.body.data.items.map((m: { content: string }) => m.content)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    expect(all.body.data.pagination).toEqual({ page: 1, pageSize: 20, total: 8, totalPages: 1, nextCursor: null });

    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const res = await A.AGENT.get(`/api/conversations/${c.id}/messages?pageSize=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      pages.push(res.body.data.items.map((m: { content: string }) => m.content));
      cursor = res.body.data.pagination.nextCursor;
    } while (cursor);
    expect(pages).toEqual([['m5', 'm6', 'm7'], ['m2', 'm3', 'm4'], ['m0', 'm1']]);
    // page=2 without a cursor is the same older page.
    expect((await A.ADMIN.get(`/api/conversations/${c.id}/messages?pageSize=3&page=2`)).body.data.items.map((m: { content: string }) => m.content)).toEqual(['m2', 'm3', 'm4']);
  });

  test('another organization 404; a bad cursor 400', async () => {
    const c = await conversation(A.AGENT, { channelId: chatA });
    expect((await B.ADMIN.get(`/api/conversations/${c.id}/messages`)).status).toBe(404);
    const bad = await A.ADMIN.get(`/api/conversations/${c.id}/messages?cursor=garbage`);
    expect(bad.status).toBe(400);
    expect(errorOf(bad).fields).toHaveProperty('cursor');
  });
});

describe('POST /api/messages/:id/retry', () => {
  test('a FAILED reply goes back to PENDING and through delivery again; anything else is 409; tenancy and roles hold', async () => {
    // The fixture's EMAIL channel has unreadable credentials, so delivery fails such a reply at once: a real FAILED message.
    const email = await insertChannel(A.ADMIN.organizationId, { type: 'EMAIL', autoTranslate: false });
    const c = await conversation(A.AGENT, { channelId: email, customer: { email: 'retry@example.com' } });
    const sent = (await send(A.AGENT, c.id)).body.data;
    const statusOf = async () => (await A.VIEWER.get(`/api/conversations/${c.id}/messages`)).body.data.items.find((m: { id: string }) => m.id === sent.id);
    await expect.poll(async () => (await statusOf()).status, { timeout: 10_000 }).toBe('FAILED');
    expect((await statusOf()).error).toMatch(/credentials/);

    expect((await A.VIEWER.post(`/api/messages/${sent.id}/retry`)).status).toBe(403);
    expect((await B.ADMIN.post(`/api/messages/${sent.id}/retry`)).status).toBe(404);
    const balance = await balanceOf(A.ADMIN.organizationId);
    const res = await A.AGENT.post(`/api/messages/${sent.id}/retry`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: sent.id, status: 'PENDING', error: null });
    expect(await balanceOf(A.ADMIN.organizationId)).toBe(balance);
    await expect.poll(async () => (await statusOf()).status, { timeout: 10_000 }).toBe('FAILED');

    const ok = (await send(A.AGENT, (await conversation(A.AGENT, { channelId: plainA, customer: { name: 'x' } })).id)).body.data;
    const notFailed = await A.AGENT.post(`/api/messages/${ok.id}/retry`);
    expect(notFailed.status).toBe(409);
    expect(errorOf(notFailed).code).toBe('CONFLICT');
  });
});
