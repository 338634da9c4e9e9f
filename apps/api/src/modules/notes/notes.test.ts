import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import WebSocket from 'ws';
import { buildTestApp, client, errorOf, twoOrganizations, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { rows } from '../../../test/helpers/database.ts';
import { listen, TestSocket } from '../../../test/helpers/instances.ts';

let t: TestApp;
let A: Org;
let B: Org;
let channelId: string;
let wsBase: string;

beforeAll(async () => {
  t = await buildTestApp();
  ({ A, B } = await twoOrganizations(t.app));
  channelId = (await A.ADMIN.post('/api/channels', { type: 'WEBSITE_CHAT', name: 'Site', credentials: {} })).body.data.id;
  wsBase = await listen(t.app);
});
afterAll(() => t.close());

/** A website-chat conversation started by a new visitor. */
async function visitorConversation() {
  const visitorId = randomUUID();
  const res = await client(t.app).post('/api/widget/message', { channelId, visitorId, content: 'Where is my order?' });
  expect(res.status).toBe(201);
  return { visitorId, conversationId: res.body.data.message.conversationId as string };
}
const note = (as: Org[keyof Org], conversationId: string, body: Record<string, unknown>) => as.post(`/api/conversations/${conversationId}/notes`, body);
const timeline = async (conversationId: string) => (await A.AGENT.get(`/api/conversations/${conversationId}/messages`)).body.data.items as Array<Record<string, unknown>>;
const visitorView = async (visitorId: string) =>
  (await client(t.app).get(`/api/widget/${channelId}/conversation?visitorId=${visitorId}`)).body.data.messages as Array<Record<string, unknown>>;

describe('POST /api/conversations/:id/notes', () => {
  test('an AGENT writes a private note; @<name> of a member becomes a mention', async () => {
    const { conversationId } = await visitorConversation();
    // Invited members are named "Test AGENT" / "Test VIEWER" by the helper.
    const res = await note(A.ADMIN, conversationId, { content: '@Test AGENT can you check the refund? cc @nobody' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      conversationId,
      private: true,
      senderType: 'AGENT',
      direction: 'OUTBOUND',
      authorId: A.ADMIN.userId,
      content: '@Test AGENT can you check the refund? cc @nobody',
      mentions: [A.AGENT.userId],
      status: 'SENT',
      attachments: [],
    });
    expect((await timeline(conversationId)).map((m) => m.content)).toEqual(['Where is my order?', '@Test AGENT can you check the refund? cc @nobody']);
  });

  test('explicit mentions are merged with the parsed ones; a non-member (another organization\'s user) is a 400', async () => {
    const { conversationId } = await visitorConversation();
    const res = await note(A.AGENT, conversationId, { content: 'Looping in @Test VIEWER', mentions: [A.ADMIN.userId] });
    expect(res.status).toBe(201);
    expect(res.body.data.mentions).toEqual([A.ADMIN.userId, A.VIEWER.userId]);
    const stranger = await note(A.AGENT, conversationId, { content: 'hi', mentions: [B.AGENT.userId] });
    expect(stranger.status).toBe(400);
    expect(errorOf(stranger).fields).toHaveProperty('mentions');
  });

  test('VIEWER 403, another organization 404, anonymous 401, bad input 400', async () => {
    const { conversationId } = await visitorConversation();
    expect((await note(A.VIEWER, conversationId, { content: 'x' })).status).toBe(403);
    expect(errorOf(await note(B.AGENT, conversationId, { content: 'x' })).code).toBe('NOT_FOUND');
    expect((await client(t.app).post(`/api/conversations/${conversationId}/notes`, { content: 'x' })).status).toBe(401);
    expect(errorOf(await note(A.AGENT, conversationId, { content: '   ' })).fields).toHaveProperty('content');
    expect((await note(A.AGENT, conversationId, {})).status).toBe(400);
    expect((await note(A.AGENT, conversationId, { content: 'x', private: false })).status).toBe(400);
    expect((await note(A.AGENT, conversationId, { content: 'x', mentions: 'everyone' })).status).toBe(400);
    expect((await note(A.AGENT, randomUUID(), { content: 'x' })).status).toBe(404);
  });

  test('never delivered, costs no tokens, leaves the preview and unread count alone; note.created carries the mentions', async () => {
    const { conversationId } = await visitorConversation();
    const before = (await A.AGENT.get(`/api/conversations/${conversationId}`)).body.data;
    const tokens = (await A.ADMIN.get('/api/organization')).body.data.tokenBalance;
    const enqueue = vi.spyOn(t.app.delivery, 'enqueue');
    const emit = vi.spyOn(t.app.events, 'emit');
    const res = await note(A.AGENT, conversationId, { content: 'Internal: VIP, ask @Test admin' });
    expect(enqueue).not.toHaveBeenCalled();
    const events = emit.mock.calls.map((c) => c[1]);
    expect(events.map((e) => e.type)).toEqual(['message.created', 'note.created']);
    expect(events[1]).toMatchObject({ organizationId: A.ADMIN.organizationId, data: { conversation: { id: conversationId }, message: { id: res.body.data.id }, mentions: [A.ADMIN.userId] } });
    enqueue.mockRestore();
    emit.mockRestore();
    expect((await A.ADMIN.get('/api/organization')).body.data.tokenBalance).toBe(tokens);
    const after = (await A.AGENT.get(`/api/conversations/${conversationId}`)).body.data;
    expect(after).toMatchObject({ lastMessagePreview: before.lastMessagePreview, unreadCount: before.unreadCount, lastMessageAt: before.lastMessageAt });
    await t.app.events.dispatch();
    expect((await timeline(conversationId)).at(-1)).toMatchObject({ id: res.body.data.id, status: 'SENT', attempts: 0 });
  });
});

describe('what the visitor sees', () => {
  test('neither the history nor the widget socket ever shows a note or an activity line', async () => {
    const { visitorId, conversationId } = await visitorConversation();
    const socket = new TestSocket(new WebSocket(`${wsBase}/api/widget/${channelId}/ws?visitorId=${visitorId}`, { headers: { origin: 'https://shop.example' } }));
    await socket.ready();
    expect((await note(A.AGENT, conversationId, { content: 'Secret: customer is on the watch list' })).status).toBe(201);
    expect((await A.AGENT.patch(`/api/conversations/${conversationId}`, { assignedToId: A.AGENT.userId })).status).toBe(200);
    await t.app.events.dispatch();
    await t.app.events.dispatch();
    expect((await A.AGENT.post(`/api/conversations/${conversationId}/messages`, { conversationId, content: 'Public answer' })).status).toBe(201);
    await socket.waitFor((f) => f.type === 'message' && f.data.content === 'Public answer');
    const pushed = socket.events('message').map((f) => f.data.content);
    expect(pushed).toEqual(['Public answer']);
    expect((await visitorView(visitorId)).map((m) => m.content)).toEqual(['Where is my order?', 'Public answer']);
    // …while the agents see all of it.
    expect((await timeline(conversationId)).map((m) => [m.senderType, m.private])).toEqual([
      ['CUSTOMER', false], ['AGENT', true], ['SYSTEM', true], ['AGENT', false],
    ]);
    socket.ws.close();
    const reopened = new TestSocket(new WebSocket(`${wsBase}/api/widget/${channelId}/ws?visitorId=${visitorId}`, { headers: { origin: 'https://shop.example' } }));
    const ready = await reopened.ready();
    expect(ready.data.messages.map((m: { content: string }) => m.content)).toEqual(['Where is my order?', 'Public answer']);
    reopened.ws.close();
  });
});

describe('activity lines', () => {
  const activity = async (conversationId: string) =>
    (await timeline(conversationId)).filter((m) => m.senderType === 'SYSTEM').map((m) => ({ content: m.content, private: m.private, authorId: m.authorId }));

  test('status, assignment and priority changes add private SYSTEM lines naming who did what', async () => {
    const { conversationId } = await visitorConversation();
    const patch = (as: Org[keyof Org], body: Record<string, unknown>) => as.patch(`/api/conversations/${conversationId}`, body);
    expect((await patch(A.ADMIN, { assignedToId: A.AGENT.userId })).status).toBe(200);
    expect((await patch(A.AGENT, { assignedToId: A.AGENT.userId, priority: 'URGENT' })).status).toBe(200); // same assignee: no line
    expect((await patch(A.AGENT, { status: 'CLOSED' })).status).toBe(200);
    expect((await patch(A.ADMIN, { status: 'OPEN', assignedToId: A.ADMIN.userId })).status).toBe(200);
    expect((await patch(A.ADMIN, { assignedToId: null, notes: 'vip' })).status).toBe(200);
    expect((await patch(A.ADMIN, { notes: 'only the side notes' })).status).toBe(200); // nothing worth a line
    await t.app.events.dispatch();
    await expect.poll(() => activity(conversationId)).toEqual([
      { content: 'Test admin assigned this to Test AGENT', private: true, authorId: A.ADMIN.userId },
      { content: 'Test AGENT set the priority to Urgent', private: true, authorId: A.AGENT.userId },
      { content: 'Test AGENT closed this', private: true, authorId: A.AGENT.userId },
      { content: 'Test admin reopened this', private: true, authorId: A.ADMIN.userId },
      { content: 'Test admin self-assigned this', private: true, authorId: A.ADMIN.userId },
      { content: 'Test admin unassigned themselves', private: true, authorId: A.ADMIN.userId },
    ]);
    // Not a customer message: the conversation is not unread because of them, nor previewed by them.
    const conversation = (await A.AGENT.get(`/api/conversations/${conversationId}`)).body.data;
    expect(conversation.lastMessagePreview).toBe('Where is my order?');
    // Agents' sockets get the lines as message.created; the subscriber-only events are not relayed.
    const relayed = await rows<{ type: string }>(t.app.db, sql`select type from realtime_events where organization_id = ${A.ADMIN.organizationId}`);
    expect(relayed.map((r) => r.type)).toContain('message.created');
    expect(relayed.map((r) => r.type)).not.toContain('conversation.changed');
    expect(relayed.map((r) => r.type)).not.toContain('note.created');
  });

  test('a refused or foreign change writes nothing', async () => {
    const { conversationId } = await visitorConversation();
    expect((await B.ADMIN.patch(`/api/conversations/${conversationId}`, { status: 'CLOSED' })).status).toBe(404);
    expect((await A.ADMIN.patch(`/api/conversations/${conversationId}`, { assignedToId: B.AGENT.userId })).status).toBe(400);
    await t.app.events.dispatch();
    expect(await activity(conversationId)).toEqual([]);
  });
});
