import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { conversations, organizations } from '../../db/schema/index.ts';
import { buildTestApp, errorOf, signupActor, twoOrganizations, type Actor, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { rows } from '../../../test/helpers/database.ts';
import { insertChannel as insertChannelRow } from '../../../test/helpers/fixtures.ts';

let t: TestApp;
let A: Org;
let B: Org;
let chatA: string;
let mailA: string;
let chatB: string;

const insertChannel = async (organizationId: string, values: Omit<Parameters<typeof insertChannelRow>[1], 'organizationId'> = {}) =>
  (await insertChannelRow(t.app.db, { name: 'Chat', ...values, organizationId })).id;

async function create(as: Actor, body: Record<string, unknown>) {
  const res = await as.post('/api/conversations', body);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { id: string; customer: { id: string } | null; [k: string]: unknown };
}

const idsOf = (res: { body: { data: { items: { id: string }[] } } }) => res.body.data.items.map((c) => c.id);
const balanceOf = async (organizationId: string) =>
  (await t.app.db.select({ b: organizations.tokenBalance }).from(organizations).where(eq(organizations.id, organizationId)))[0]!.b;
const setBalance = (organizationId: string, n: number) =>
  t.app.db.update(organizations).set({ tokenBalance: n }).where(eq(organizations.id, organizationId));
const countConversations = async (organizationId: string) =>
  (await rows<{ n: number }>(t.app.db, sql`select count(*)::int as n from conversations where organization_id = ${organizationId}`))[0]!.n;

beforeAll(async () => {
  t = await buildTestApp();
  ({ A, B } = await twoOrganizations(t.app));
  chatA = await insertChannel(A.ADMIN.organizationId);
  mailA = await insertChannel(A.ADMIN.organizationId, { type: 'EMAIL', name: 'Mail' });
  chatB = await insertChannel(B.ADMIN.organizationId);
});
afterAll(() => t.close());
afterEach(() => vi.restoreAllMocks());

describe('POST /api/conversations', () => {
  test('AGENT and ADMIN create; the answer is the Conversation object of CONTRACT §3', async () => {
    const res = await A.AGENT.post('/api/conversations', {
      channelId: chatA,
      customer: { name: 'Ada Lovelace', email: 'Ada@Example.com', phone: '+44 (20) 7946-0000' },
      subject: 'Order question',
      language: 'en',
      priority: 'HIGH',
      status: 'PENDING',
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({
      id: expect.any(String),
      channelId: chatA,
      customer: { id: expect.any(String), name: 'Ada Lovelace', email: 'ada@example.com', phone: '+442079460000', color: null },
      subject: 'Order question',
      status: 'PENDING',
      priority: 'HIGH',
      assignedToId: null,
      language: 'en',
      notes: null,
      context: null,
      unread: false,
      unreadCount: 0,
      lastMessageAt: expect.any(String),
      lastMessagePreview: null,
      tags: [],
      snoozedUntil: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const minimal = await A.ADMIN.post('/api/conversations', { channelId: chatA });
    expect(minimal.status).toBe(201);
    expect(minimal.body.data).toMatchObject({ customer: null, subject: null, status: 'OPEN', priority: 'MEDIUM' });
  });

  test('VIEWER is refused (403), anonymous 401, and nothing is stored', async () => {
    const before = await countConversations(A.ADMIN.organizationId);
    const res = await A.VIEWER.post('/api/conversations', { channelId: chatA });
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
    expect((await t.app.inject({ method: 'POST', url: '/api/conversations', payload: { channelId: chatA } })).statusCode).toBe(401);
    expect(await countConversations(A.ADMIN.organizationId)).toBe(before);
  });

  test('another organization\'s channel is 404 (tenancy) and nothing is stored', async () => {
    const before = await countConversations(A.ADMIN.organizationId);
    const res = await A.AGENT.post('/api/conversations', { channelId: chatB, content: 'hi' });
    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe('NOT_FOUND');
    expect(await countConversations(A.ADMIN.organizationId)).toBe(before);
  });

  test('bad bodies are 400 with fields', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'channelId'],
      [{ channelId: chatA, priority: 'SOMEDAY' }, 'priority'],
      [{ channelId: chatA, status: 'CLOSED' }, 'status'],
      [{ channelId: chatA, customer: { email: 'not-an-email' } }, 'customer.email'],
      [{ channelId: chatA, customer: { phone: 'call me' } }, 'customer.phone'],
      [{ channelId: chatA, content: '' }, 'content'],
      [{ channelId: chatA, content: '   ' }, 'content'],
      [{ channelId: chatA, unknown: 1 }, 'unknown'],
    ];
    for (const [body, field] of cases) {
      const res = await A.AGENT.post('/api/conversations', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(res).code).toBe('VALIDATION_ERROR');
      expect(errorOf(res).fields, JSON.stringify(body)).toHaveProperty([field]);
    }
  });

  test('content becomes the first OUTBOUND message and costs one token', async () => {
    const before = await balanceOf(A.ADMIN.organizationId);
    const c = await create(A.AGENT, { channelId: chatA, content: 'We will ship it today' });
    expect(c.lastMessagePreview).toBe('We will ship it today');
    const messages = (await A.VIEWER.get(`/api/conversations/${c.id}/messages`)).body.data.items;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ direction: 'OUTBOUND', senderType: 'AGENT', authorId: A.AGENT.userId, content: 'We will ship it today', approved: true });
    expect(await balanceOf(A.ADMIN.organizationId)).toBe(before - 1);
  });

  test('with content and no tokens left: 402 INSUFFICIENT_TOKENS and no conversation', async () => {
    const before = await balanceOf(A.ADMIN.organizationId);
    const count = await countConversations(A.ADMIN.organizationId);
    await setBalance(A.ADMIN.organizationId, 0);
    try {
      const res = await A.AGENT.post('/api/conversations', { channelId: chatA, customer: { email: 'broke@example.com' }, content: 'hello' });
      expect(res.status).toBe(402);
      expect(errorOf(res).code).toBe('INSUFFICIENT_TOKENS');
      expect(await countConversations(A.ADMIN.organizationId)).toBe(count);
      expect((await A.ADMIN.get('/api/customers?search=broke@example.com')).body.data.items).toEqual([]);
      // Without content nothing is charged, so it still works.
      expect((await A.AGENT.post('/api/conversations', { channelId: chatA })).status).toBe(201);
    } finally {
      await setBalance(A.ADMIN.organizationId, before);
    }
  });

  test('the same person (email in any case) is one customer across conversations', async () => {
    const one = await create(A.AGENT, { channelId: chatA, customer: { name: 'Grace', email: 'grace@example.com' } });
    const two = await create(A.AGENT, { channelId: mailA, customer: { email: 'GRACE@example.com' } });
    const three = await create(A.AGENT, { channelId: chatA, customer: { name: 'Grace H', phone: '+1 555 0100' } });
    const four = await create(A.AGENT, { channelId: chatA, customer: { phone: '+15550100' } });
    expect(two.customer!.id).toBe(one.customer!.id);
    expect(four.customer!.id).toBe(three.customer!.id);
    expect(three.customer!.id).not.toBe(one.customer!.id);
  });

  test('emits conversation.created (and message.created) with the serialized resources, in the transaction', async () => {
    const emit = vi.spyOn(t.app.events, 'emit');
    const enqueue = vi.spyOn(t.app.delivery, 'enqueue');
    const c = await create(A.AGENT, { channelId: chatA, content: 'first words' });
    expect(emit).toHaveBeenCalledWith(expect.anything(), { organizationId: A.ADMIN.organizationId, type: 'conversation.created', data: expect.objectContaining({ id: c.id, channelId: chatA }) }, { actorUserId: A.AGENT.userId });
    const created = emit.mock.calls.find((call) => call[1].type === 'message.created');
    expect(created?.[1].data).toMatchObject({ conversationId: c.id, content: 'first words', direction: 'OUTBOUND' });
    expect(enqueue).toHaveBeenCalledWith({ id: (created![1].data as { id: string }).id, organizationId: A.ADMIN.organizationId });
  });
});

describe('GET /api/conversations/:id', () => {
  test('any member reads; another organization gets 404', async () => {
    const c = await create(A.AGENT, { channelId: chatA, subject: 'Visible' });
    for (const role of ['ADMIN', 'AGENT', 'VIEWER'] as const) {
      const res = await A[role].get(`/api/conversations/${c.id}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual(c);
    }
    const res = await B.ADMIN.get(`/api/conversations/${c.id}`);
    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe('NOT_FOUND');
    expect((await A.ADMIN.get('/api/conversations/does-not-exist')).status).toBe(404);
  });
});

describe('PATCH /api/conversations/:id', () => {
  test('AGENT updates status, priority, notes, language, subject; the change is visible', async () => {
    const c = await create(A.AGENT, { channelId: chatA, subject: 'Before' });
    const res = await A.AGENT.patch(`/api/conversations/${c.id}`, { status: 'CLOSED', priority: 'URGENT', notes: 'Called back', language: 'de', subject: 'After' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: c.id, status: 'CLOSED', priority: 'URGENT', notes: 'Called back', language: 'de', subject: 'After' });
    expect((await A.VIEWER.get(`/api/conversations/${c.id}`)).body.data).toMatchObject({ status: 'CLOSED', subject: 'After' });
    const cleared = await A.ADMIN.patch(`/api/conversations/${c.id}`, { notes: null, subject: null, language: null });
    expect(cleared.body.data).toMatchObject({ notes: null, subject: null, language: null });
  });

  test('VIEWER is refused (403) and nothing changes', async () => {
    const c = await create(A.AGENT, { channelId: chatA });
    const res = await A.VIEWER.patch(`/api/conversations/${c.id}`, { status: 'CLOSED' });
    expect(res.status).toBe(403);
    expect((await A.ADMIN.get(`/api/conversations/${c.id}`)).body.data.status).toBe('OPEN');
  });

  test('another organization\'s conversation is 404 and nothing changes', async () => {
    const c = await create(A.AGENT, { channelId: chatA });
    const res = await B.ADMIN.patch(`/api/conversations/${c.id}`, { notes: 'org B was here', status: 'ARCHIVED' });
    expect(res.status).toBe(404);
    expect((await A.ADMIN.get(`/api/conversations/${c.id}`)).body.data).toMatchObject({ notes: null, status: 'OPEN' });
  });

  test('assignedToId: a member\'s user id assigns, null unassigns, anyone else is 400 fields.assignedToId', async () => {
    const c = await create(A.AGENT, { channelId: chatA });
    const assigned = await A.ADMIN.patch(`/api/conversations/${c.id}`, { assignedToId: A.AGENT.userId });
    expect(assigned.status).toBe(200);
    expect(assigned.body.data.assignedToId).toBe(A.AGENT.userId);
    for (const other of [B.ADMIN.userId, 'no-such-user']) {
      const res = await A.ADMIN.patch(`/api/conversations/${c.id}`, { assignedToId: other });
      expect(res.status).toBe(400);
      expect(errorOf(res).code).toBe('VALIDATION_ERROR');
      expect(errorOf(res).fields).toHaveProperty('assignedToId');
    }
    expect((await A.ADMIN.get(`/api/conversations/${c.id}`)).body.data.assignedToId).toBe(A.AGENT.userId);
    const unassigned = await A.ADMIN.patch(`/api/conversations/${c.id}`, { assignedToId: null });
    expect(unassigned.body.data.assignedToId).toBeNull();
  });

  test('bad values are 400 with fields', async () => {
    const c = await create(A.AGENT, { channelId: chatA });
    for (const [body, field] of [[{ status: 'DONE' }, 'status'], [{ priority: 1 }, 'priority'], [{ channelId: chatA }, 'channelId'], [{ language: 'x' }, 'language']] as const) {
      const res = await A.ADMIN.patch(`/api/conversations/${c.id}`, body);
      expect(res.status).toBe(400);
      expect(errorOf(res).fields).toHaveProperty([field]);
    }
  });

  test('emits conversation.updated', async () => {
    const c = await create(A.AGENT, { channelId: chatA });
    const emit = vi.spyOn(t.app.events, 'emit');
    await A.AGENT.patch(`/api/conversations/${c.id}`, { priority: 'LOW' });
    expect(emit).toHaveBeenCalledWith(expect.anything(), { organizationId: A.ADMIN.organizationId, type: 'conversation.updated', data: expect.objectContaining({ id: c.id, priority: 'LOW' }) }, { actorUserId: A.AGENT.userId });
  });
});

describe('DELETE /api/conversations/:id', () => {
  test('VIEWER 403; another organization 404; AGENT deletes (200 {id}) with its messages', async () => {
    const c = await create(A.AGENT, { channelId: chatA, content: 'to be deleted' });
    expect((await A.VIEWER.delete(`/api/conversations/${c.id}`)).status).toBe(403);
    expect((await B.ADMIN.delete(`/api/conversations/${c.id}`)).status).toBe(404);
    expect((await A.ADMIN.get(`/api/conversations/${c.id}`)).status).toBe(200);
    const emit = vi.spyOn(t.app.events, 'emit');
    const res = await A.AGENT.delete(`/api/conversations/${c.id}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ id: c.id });
    expect(emit).toHaveBeenCalledWith(expect.anything(), { organizationId: A.ADMIN.organizationId, type: 'conversation.deleted', data: { id: c.id } });
    expect((await A.ADMIN.get(`/api/conversations/${c.id}`)).status).toBe(404);
    expect((await rows(t.app.db, sql`select id from messages where conversation_id = ${c.id}`))).toEqual([]);
    expect((await A.AGENT.delete(`/api/conversations/${c.id}`)).status).toBe(404);
  });
});

describe('read state', () => {
  const setUnread = (id: string, n: number) => t.app.db.update(conversations).set({ unreadCount: n }).where(eq(conversations.id, id));

  test('read → unreadCount 0; unread → at least 1 (keeps a larger count)', async () => {
    const c = await create(A.AGENT, { channelId: chatA });
    await setUnread(c.id, 3);
    const read = await A.AGENT.post(`/api/conversations/${c.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ id: c.id, unread: false, unreadCount: 0 });
    const unread = await A.AGENT.post(`/api/conversations/${c.id}/unread`);
    expect(unread.status).toBe(200);
    expect(unread.body.data).toMatchObject({ unread: true, unreadCount: 1 });
    await setUnread(c.id, 4);
    expect((await A.ADMIN.post(`/api/conversations/${c.id}/unread`)).body.data.unreadCount).toBe(4);
  });

  test('VIEWER refused; another organization 404 and unchanged', async () => {
    const c = await create(A.AGENT, { channelId: chatA });
    await setUnread(c.id, 2);
    expect((await A.VIEWER.post(`/api/conversations/${c.id}/read`)).status).toBe(403);
    expect((await B.ADMIN.post(`/api/conversations/${c.id}/read`)).status).toBe(404);
    expect((await B.ADMIN.post(`/api/conversations/${c.id}/unread`)).status).toBe(404);
    expect((await A.ADMIN.get(`/api/conversations/${c.id}`)).body.data.unreadCount).toBe(2);
  });

  test('bulk-read marks the organization\'s conversations read, ignores others, answers the ids', async () => {
    const [x, y, z] = [await create(A.AGENT, { channelId: chatA }), await create(A.AGENT, { channelId: chatA }), await create(A.AGENT, { channelId: chatA })];
    const foreign = await create(B.AGENT, { channelId: chatB });
    for (const c of [x, y, z, foreign]) await setUnread(c.id, 2);
    const res = await A.AGENT.post('/api/conversations/bulk-read', { ids: [x.id, y.id, y.id, foreign.id, 'missing'] });
    expect(res.status).toBe(200);
    expect(res.body.data.ids.sort()).toEqual([x.id, y.id].sort());
    expect((await A.ADMIN.get(`/api/conversations/${x.id}`)).body.data.unread).toBe(false);
    expect((await A.ADMIN.get(`/api/conversations/${y.id}`)).body.data.unreadCount).toBe(0);
    expect((await A.ADMIN.get(`/api/conversations/${z.id}`)).body.data.unreadCount).toBe(2);
    expect((await B.ADMIN.get(`/api/conversations/${foreign.id}`)).body.data.unreadCount).toBe(2);
  });

  test('bulk-read body: 1–100 ids; VIEWER refused', async () => {
    for (const body of [{ ids: [] }, { ids: Array.from({ length: 101 }, (_, i) => `id${i}`) }, {}, { ids: 'x' }]) {
      const res = await A.AGENT.post('/api/conversations/bulk-read', body);
      expect(res.status).toBe(400);
      expect(errorOf(res).fields).toHaveProperty('ids');
    }
    expect((await A.AGENT.post('/api/conversations/bulk-read', { ids: Array.from({ length: 100 }, (_, i) => `id${i}`) })).status).toBe(200);
    expect((await A.VIEWER.post('/api/conversations/bulk-read', { ids: ['x'] })).status).toBe(403);
  });
});

describe('GET /api/conversations (filters and paging)', () => {
  let F: Org;
  let chat: string;
  let mail: string;
  const made: Record<string, string> = {};

  beforeAll(async () => {
    // A fresh organization, so every filter's expected set is exact.
    ({ A: F } = await twoOrganizations(t.app));
    chat = await insertChannel(F.ADMIN.organizationId);
    mail = await insertChannel(F.ADMIN.organizationId, { type: 'EMAIL', name: 'Mail' });
    const c = async (key: string, body: Record<string, unknown>, patch?: Record<string, unknown>, unread = 0) => {
      const conv = await create(F.AGENT, { channelId: chat, ...body });
      if (patch) expect((await F.ADMIN.patch(`/api/conversations/${conv.id}`, patch)).status).toBe(200);
      if (unread) await t.app.db.update(conversations).set({ unreadCount: unread }).where(eq(conversations.id, conv.id));
      made[key] = conv.id;
    };
    await c('open', { subject: 'Open one', language: 'en' }, undefined, 2);
    await c('pending', { status: 'PENDING', language: 'de' }, { assignedToId: F.AGENT.userId });
    await c('closed', { channelId: mail }, { status: 'CLOSED', assignedToId: F.ADMIN.userId });
    await c('archived', { channelId: mail, language: 'de' }, { status: 'ARCHIVED' }, 1);
  });

  const list = async (qs: string, as: Actor = F.VIEWER) => {
    const res = await as.get(`/api/conversations${qs}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return idsOf(res).sort();
  };
  const ids = (...keys: string[]) => keys.map((k) => made[k]!).sort();

  test('the list shape and defaults; newest activity first', async () => {
    const res = await F.VIEWER.get('/api/conversations');
    expect(res.body.data.pagination).toEqual({ page: 1, pageSize: 20, total: 4, totalPages: 1, nextCursor: null });
    const times = res.body.data.items.map((c: { lastMessageAt: string }) => c.lastMessageAt);
    expect(times).toEqual([...times].sort().reverse());
    expect((await F.VIEWER.get('/api/conversations?pageSize=500')).body.data.pagination.pageSize).toBe(100);
  });

  test('status', async () => {
    expect(await list('?status=OPEN')).toEqual(ids('open'));
    expect(await list('?status=PENDING')).toEqual(ids('pending'));
    expect(await list('?status=CLOSED')).toEqual(ids('closed'));
    expect(await list('?status=ARCHIVED')).toEqual(ids('archived'));
    const bad = await F.VIEWER.get('/api/conversations?status=BOGUS');
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe('VALIDATION_ERROR');
    expect(errorOf(bad).fields).toHaveProperty('status');
  });

  test('channelId (another organization\'s channel lists nothing)', async () => {
    expect(await list(`?channelId=${mail}`)).toEqual(ids('closed', 'archived'));
    expect(await list(`?channelId=${chat}`)).toEqual(ids('open', 'pending'));
    expect(await list(`?channelId=${chatA}`)).toEqual([]);
  });

  test('unread', async () => {
    expect(await list('?unread=true')).toEqual(ids('open', 'archived'));
    expect(await list('?unread=false')).toEqual(ids('pending', 'closed'));
    expect((await F.VIEWER.get('/api/conversations?unread=maybe')).status).toBe(400);
  });

  test('assignedToId: me, none, a user id', async () => {
    expect(await list('?assignedToId=me', F.AGENT)).toEqual(ids('pending'));
    expect(await list('?assignedToId=me', F.ADMIN)).toEqual(ids('closed'));
    expect(await list('?assignedToId=me', F.VIEWER)).toEqual([]);
    expect(await list('?assignedToId=none')).toEqual(ids('open', 'archived'));
    expect(await list(`?assignedToId=${F.AGENT.userId}`)).toEqual(ids('pending'));
  });

  test('language, and filters combine', async () => {
    expect(await list('?language=de')).toEqual(ids('pending', 'archived'));
    expect(await list('?language=de&status=ARCHIVED&unread=true')).toEqual(ids('archived'));
    const res = await F.VIEWER.get('/api/conversations?language=de&status=PENDING');
    expect(res.body.data.pagination.total).toBe(1);
  });

  test('tenancy: another organization lists none of these', async () => {
    const theirs = await list('?pageSize=100', A.ADMIN);
    for (const id of Object.values(made)) expect(theirs).not.toContain(id);
  });
});

describe('keyset paging', () => {
  test('cursor walks every page with no duplicates or gaps, stable under ties in lastMessageAt', async () => {
    const { A: P } = await twoOrganizations(t.app);
    const chat = await insertChannel(P.ADMIN.organizationId);
    const created: string[] = [];
    for (let i = 0; i < 23; i++) created.push((await create(P.AGENT, { channelId: chat, subject: `n${i}` })).id);
    // Several conversations share one instant: the id breaks the tie.
    await t.app.db.update(conversations).set({ lastMessageAt: new Date('2030-01-01T00:00:00.000Z') })
      .where(sql`${conversations.id} in ${created.slice(5, 12)}`);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await P.VIEWER.get(`/api/conversations?pageSize=5${cursor ? `&cursor=${encodeURIComponent(cursor)}&page=9` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.data.pagination.total).toBe(23);
      seen.push(...idsOf(res));
      cursor = res.body.data.pagination.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(23);
    expect([...seen].sort()).toEqual([...created].sort());
    const all = idsOf(await P.VIEWER.get('/api/conversations?pageSize=100'));
    expect(seen).toEqual(all);
    // page/pageSize offset paging agrees with the cursor walk.
    expect(idsOf(await P.VIEWER.get('/api/conversations?pageSize=5&page=3'))).toEqual(all.slice(10, 15));
  });

  test('a cursor that was not handed out is 400 fields.cursor', async () => {
    for (const bad of ['nope', Buffer.from('["x"]').toString('base64url'), Buffer.from('["2020-01-01", "id"]').toString('base64url')]) {
      const res = await A.VIEWER.get(`/api/conversations?cursor=${bad}`);
      expect(res.status).toBe(400);
      expect(errorOf(res).fields).toHaveProperty('cursor');
    }
  });
});

describe('search', () => {
  let S: Org;
  let chat: string;
  beforeAll(async () => {
    ({ A: S } = await twoOrganizations(t.app));
    chat = await insertChannel(S.ADMIN.organizationId);
  });
  const search = async (q: string, as: Actor = S.VIEWER) => {
    const res = await as.get(`/api/conversations?search=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    return idsOf(res);
  };

  test('prefix of a word in the subject, the customer\'s name or email, or a message', async () => {
    const bySubject = await create(S.AGENT, { channelId: chat, subject: 'Refund for the blender' });
    const byCustomer = await create(S.AGENT, { channelId: chat, customer: { name: 'Zbigniew Brzęczyszczykiewicz', email: 'zb@krakow-shop.example' } });
    const byMessage = await create(S.AGENT, { channelId: chat, content: 'Your parcel xylophonic-42 left the warehouse' });
    expect(await search('blend')).toEqual([bySubject.id]);
    expect(await search('BRZĘCZ')).toEqual([byCustomer.id]);
    expect(await search('krakow')).toEqual([byCustomer.id]);
    expect(await search('zb@krakow-shop.example')).toEqual([byCustomer.id]);
    expect(await search('xyloph')).toEqual([byMessage.id]);
    expect(await search('xylophonic 42')).toEqual([byMessage.id]);
    expect(await search('xylophonic blender')).toEqual([]);
    expect(await search('qqnothingqq')).toEqual([]);
    // Another organization never sees them.
    expect(await search('blend', A.ADMIN)).toEqual([]);
  });

  test('messages sent later are found; the search matches every word', async () => {
    const c = await create(S.AGENT, { channelId: chat, subject: 'Shipping' });
    expect(await search('quokka')).toEqual([]);
    await S.AGENT.post(`/api/conversations/${c.id}/messages`, { conversationId: c.id, content: 'A quokka ate the label' });
    expect(await search('quok')).toEqual([c.id]);
    expect(await search('quokka label')).toEqual([c.id]);
    expect(await search('quokka parcel')).toEqual([]);
  });

  test('only the first characters of a long message are indexed', async () => {
    const c = await create(S.AGENT, { channelId: chat });
    await S.AGENT.post(`/api/conversations/${c.id}/messages`, { conversationId: c.id, content: `${'lorem '.repeat(400)} farawayword` });
    expect(await search('lorem')).toContain(c.id);
    expect(await search('farawayword')).toEqual([]);
  });

  test('tsquery syntax in the input is just text (never a 500)', async () => {
    for (const q of ["a & !b | c:* <-> 'd'", '(((', '\\', ':*', "O'Reilly", '!!!', '   ', 'x'.repeat(200)]) {
      const res = await S.VIEWER.get(`/api/conversations?search=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
    expect((await S.VIEWER.get(`/api/conversations?search=${'x'.repeat(201)}`)).status).toBe(400);
  });

  test('ranked: a subject match comes before a match in a message only', async () => {
    const inMessage = await create(S.AGENT, { channelId: chat, subject: 'Other', content: 'about the wombat' });
    const inSubject = await create(S.AGENT, { channelId: chat, subject: 'Wombat sighting' });
    // inMessage has no newer activity than inSubject, and still the subject hit ranks first… and vice versa:
    await S.AGENT.post(`/api/conversations/${inMessage.id}/messages`, { conversationId: inMessage.id, content: 'newest activity' });
    expect(await search('wombat')).toEqual([inSubject.id, inMessage.id]);
    const res = await S.VIEWER.get('/api/conversations?search=wombat');
    expect(res.body.data.pagination.total).toBe(2);
  });

  test('a changed subject or customer is searchable at once; the old words are gone', async () => {
    const c = await create(S.AGENT, { channelId: chat, subject: 'Marmalade jar', customer: { name: 'Paddington Brown', email: 'paddington@example.com' } });
    await S.AGENT.patch(`/api/conversations/${c.id}`, { subject: 'Broken teapot' });
    expect(await search('marmal')).toEqual([]);
    expect(await search('teapot')).toEqual([c.id]);
    expect(await search('paddington')).toEqual([c.id]);
    await S.AGENT.patch(`/api/customers/${c.customer!.id}`, { name: 'Aunt Lucy', email: 'lucy@example.com' });
    expect(await search('paddington')).toEqual([]);
    expect(await search('lucy')).toEqual([c.id]);
    expect(await search('teapot')).toEqual([c.id]);
  });

  test('search results page with a cursor (relevance order) without duplicates', async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await create(S.AGENT, { channelId: chat, subject: i % 2 ? `Pangolin ${i}` : 'misc', content: `pangolin note ${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await S.VIEWER.get(`/api/conversations?search=pangol&pageSize=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.data.pagination.total).toBe(7);
      seen.push(...idsOf(res));
      cursor = res.body.data.pagination.nextCursor;
    } while (cursor);
    expect(seen).toEqual(idsOf(await S.VIEWER.get('/api/conversations?search=pangol&pageSize=100')));
    expect([...seen].sort()).toEqual([...made].sort());
    // The subject hits (odd i) come first.
    expect(new Set(seen.slice(0, 3))).toEqual(new Set([made[1], made[3], made[5]]));
    // A plain list cursor is not a search cursor.
    const plain = (await S.VIEWER.get('/api/conversations?pageSize=1')).body.data.pagination.nextCursor;
    expect((await S.VIEWER.get(`/api/conversations?search=pangol&cursor=${plain}`)).status).toBe(400);
  });
});

describe('tenancy of every :id route', () => {
  test('B gets 404 on A\'s conversation everywhere, and A\'s conversation is unchanged', async () => {
    const c = await create(A.AGENT, { channelId: chatA, subject: 'Private', content: 'secret' });
    const before = (await A.ADMIN.get(`/api/conversations/${c.id}`)).body.data;
    const calls = [
      B.ADMIN.get(`/api/conversations/${c.id}`),
      B.ADMIN.patch(`/api/conversations/${c.id}`, { subject: 'mine' }),
      B.ADMIN.delete(`/api/conversations/${c.id}`),
      B.ADMIN.post(`/api/conversations/${c.id}/read`),
      B.ADMIN.post(`/api/conversations/${c.id}/unread`),
      B.ADMIN.get(`/api/conversations/${c.id}/messages`),
      B.ADMIN.post(`/api/conversations/${c.id}/messages`, { conversationId: c.id, content: 'hi' }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(404);
      expect(errorOf(res).code).toBe('NOT_FOUND');
    }
    expect((await A.ADMIN.get(`/api/conversations/${c.id}`)).body.data).toEqual(before);
    expect((await A.ADMIN.get(`/api/conversations/${c.id}/messages`)).body.data.items).toHaveLength(1);
  });
});

describe('GET /api/conversations/counts', () => {
  test('per status: total, unread, mine, unassigned — of the caller\'s organization only', async () => {
    const fresh = await twoOrganizations(t.app);
    const org = fresh.A;
    const chat = await insertChannel(org.ADMIN.organizationId);
    const empty = await org.VIEWER.get('/api/conversations/counts');
    expect(empty.status).toBe(200);
    expect(empty.body.data.OPEN).toEqual({ total: 0, unread: 0, mine: 0, unassigned: 0 });

    const a = await create(org.AGENT, { channelId: chat, customer: { name: 'A' } });
    const b = await create(org.AGENT, { channelId: chat, customer: { name: 'B' }, status: 'PENDING' });
    await create(org.AGENT, { channelId: chat, customer: { name: 'C' } });
    await org.AGENT.patch(`/api/conversations/${a.id}`, { assignedToId: org.AGENT.userId });
    await org.AGENT.post(`/api/conversations/${b.id}/unread`);
    await create(fresh.B.AGENT, { channelId: await insertChannel(fresh.B.ADMIN.organizationId), customer: { name: 'other org' } });

    const counts = (await org.AGENT.get('/api/conversations/counts')).body.data;
    expect(counts).toEqual({
      OPEN: { total: 2, unread: 0, mine: 1, unassigned: 1 },
      PENDING: { total: 1, unread: 1, mine: 0, unassigned: 1 },
      CLOSED: { total: 0, unread: 0, mine: 0, unassigned: 0 },
      ARCHIVED: { total: 0, unread: 0, mine: 0, unassigned: 0 },
    });
    expect((await org.ADMIN.get('/api/conversations/counts')).body.data.OPEN.mine).toBe(0);
  });
});

describe('cursor pages carry the total', () => {
  test('a filter without counters (language) counts once and carries the total; a tampered total is refused', async () => {
    // One fresh organization (its admin may do what an agent does); invitations are rate-limited per IP.
    const admin = await signupActor(t.app);
    const fresh = { A: { AGENT: admin } };
    const chat = await insertChannel(admin.organizationId);
    for (const name of ['one', 'two', 'three']) await create(admin, { channelId: chat, customer: { name }, language: 'de' });
    const first = await fresh.A.AGENT.get('/api/conversations?pageSize=1&language=de');
    expect(first.body.data.pagination.total).toBe(3);
    expect(first.body.data.pagination).not.toHaveProperty('totalIsEstimate');
    const second = await fresh.A.AGENT.get(`/api/conversations?pageSize=1&language=de&cursor=${first.body.data.pagination.nextCursor}`);
    expect(second.body.data.pagination).toMatchObject({ total: 3, totalPages: 3 });
    const parts = JSON.parse(Buffer.from(second.body.data.pagination.nextCursor, 'base64url').toString());
    expect(parts.at(-1)).toEqual({ total: 3 });
    parts[parts.length - 1] = { total: -5 };
    const bad = await fresh.A.AGENT.get(`/api/conversations?language=de&cursor=${Buffer.from(JSON.stringify(parts)).toString('base64url')}`);
    expect(bad.status).toBe(400);
    expect(errorOf(bad).fields).toHaveProperty('cursor');
  });

  test('lists the counters cover answer the live exact total on every page', async () => {
    const admin = await signupActor(t.app);
    const chat = await insertChannel(admin.organizationId);
    for (const name of ['one', 'two', 'three']) await create(admin, { channelId: chat, customer: { name } });
    const first = await admin.get('/api/conversations?pageSize=1');
    await create(admin, { channelId: chat, customer: { name: 'four' } });
    const second = await admin.get(`/api/conversations?pageSize=1&cursor=${first.body.data.pagination.nextCursor}`);
    expect(second.body.data.pagination).toMatchObject({ total: 4, totalPages: 4 });
  });
});
