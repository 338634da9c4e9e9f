import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, signupActor, type Actor, type TestApp } from '../../../test/helpers/app.ts';
import { rows } from '../../../test/helpers/database.ts';
import { insertChannel } from '../../../test/helpers/fixtures.ts';

/**
 * The conversation counters (migration 0010) against count(*): whatever changes conversations — the
 * API, a bulk statement, a cascade, parallel transactions — the counters equal a fresh count.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

type Bucket = { status: string; assignee: string; channel: string; unread: boolean; n: number };
const key = (b: Bucket) => `${b.status}|${b.assignee}|${b.channel}|${b.unread}`;
const sorted = (bs: Bucket[]) => bs.filter((b) => b.n !== 0).sort((a, b) => key(a).localeCompare(key(b)));

async function counted(organizationId: string) {
  return sorted(await rows<Bucket>(t.app.db, sql`
    select status::text, coalesce(assigned_to_id, '') as assignee, channel_id as channel, unread_count > 0 as unread, count(*)::int as n
      from conversations where organization_id = ${organizationId} group by 1, 2, 3, 4`));
}
async function counters(organizationId: string) {
  return sorted(await rows<Bucket>(t.app.db, sql`
    select status::text, assignee_id as assignee, channel_id as channel, unread, n::int as n
      from conversation_counters where organization_id = ${organizationId}`));
}
const expectExact = async (organizationId: string) => expect(await counters(organizationId)).toEqual(await counted(organizationId));

async function setup() {
  const admin = await signupActor(t.app);
  const chat = (await insertChannel(t.app.db, { organizationId: admin.organizationId, name: 'Chat' })).id;
  const mail = (await insertChannel(t.app.db, { organizationId: admin.organizationId, name: 'Mail', type: 'EMAIL' })).id;
  return { admin, chat, mail };
}
/** Creates (OPEN or PENDING, as POST allows), then moves it to a later status when asked. */
async function create(as: Actor, { status, ...body }: Record<string, unknown>) {
  const created = status === 'CLOSED' || status === 'ARCHIVED';
  const res = await as.post('/api/conversations', created ? body : { ...body, status });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  const id = res.body.data.id as string;
  if (created && (await as.patch(`/api/conversations/${id}`, { status })).status !== 200) throw new Error('status change failed');
  return id;
}

describe('conversation counters', () => {
  test('stay exact under create, status change, assign, read/unread, new messages and delete', async () => {
    const { admin, chat, mail } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await create(admin, { channelId: i % 2 ? chat : mail, customer: { name: `C${i}` }, status: i % 3 ? 'OPEN' : 'PENDING' }));
    await expectExact(admin.organizationId);
    expect((await counters(admin.organizationId)).reduce((s, b) => s + b.n, 0)).toBe(6);

    await admin.patch(`/api/conversations/${ids[0]}`, { status: 'CLOSED' });
    await admin.patch(`/api/conversations/${ids[1]}`, { assignedToId: admin.userId });
    await admin.patch(`/api/conversations/${ids[2]}`, { status: 'ARCHIVED', assignedToId: admin.userId });
    await admin.post(`/api/conversations/${ids[3]}/unread`, {});
    await expectExact(admin.organizationId);
    await admin.post(`/api/conversations/${ids[3]}/read`, {});
    await admin.patch(`/api/conversations/${ids[1]}`, { assignedToId: null });
    await admin.post('/api/conversations/bulk-read', { ids });
    await expectExact(admin.organizationId);
    // An inbound message (the customer) counts unread and reopens a PENDING conversation.
    await t.app.db.execute(sql`update conversations set unread_count = unread_count + 1, status = 'OPEN' where id = ${ids[3]!}`);
    await admin.delete(`/api/conversations/${ids[4]}`);
    await expectExact(admin.organizationId);
    expect((await counters(admin.organizationId)).reduce((s, b) => s + b.n, 0)).toBe(5);

    // Bulk statements and cascades count too: a multi-row update, a deleted channel, a deleted assignee.
    await t.app.db.execute(sql`update conversations set status = 'CLOSED' where organization_id = ${admin.organizationId}`);
    await expectExact(admin.organizationId);
    await t.app.db.execute(sql`delete from channels where id = ${mail}`);
    await expectExact(admin.organizationId);
  });

  test('parallel creates and updates keep them exact', async () => {
    const { admin, chat, mail } = await setup();
    const ids = await Promise.all(Array.from({ length: 24 }, (_, i) => create(admin, { channelId: i % 2 ? chat : mail, customer: { name: `P${i}` } })));
    await expectExact(admin.organizationId);
    await Promise.all(ids.map((id, i) => admin.patch(`/api/conversations/${id}`, { status: (['PENDING', 'CLOSED', 'ARCHIVED', 'OPEN'] as const)[i % 4], assignedToId: i % 3 ? admin.userId : null })));
    await Promise.all(ids.slice(0, 8).map((id) => admin.delete(`/api/conversations/${id}`)));
    await expectExact(admin.organizationId);
    expect((await counters(admin.organizationId)).reduce((s, b) => s + b.n, 0)).toBe(16);
  });

  test('the list total and the tab badges equal count(*) for every filter the counters cover', async () => {
    const { admin, chat, mail } = await setup();
    for (let i = 0; i < 9; i++) {
      const id = await create(admin, { channelId: i % 3 ? chat : mail, customer: { name: `L${i}` }, status: (['OPEN', 'PENDING', 'CLOSED'] as const)[i % 3] });
      if (i % 2) await admin.patch(`/api/conversations/${id}`, { assignedToId: admin.userId });
      if (i % 4 === 0) await admin.post(`/api/conversations/${id}/unread`, {});
    }
    const org = admin.organizationId;
    const count = async (where: ReturnType<typeof sql>) =>
      (await rows<{ n: number }>(t.app.db, sql`select count(*)::int as n from conversations where organization_id = ${org} and ${where}`))[0]!.n;
    const cases: [string, ReturnType<typeof sql>][] = [
      ['', sql`true`],
      ['status=OPEN', sql`status = 'OPEN'`],
      ['status=ALL', sql`true`],
      [`channelId=${chat}`, sql`channel_id = ${chat}`],
      ['assignedToId=me', sql`assigned_to_id = ${admin.userId}`],
      ['assignedToId=none&status=CLOSED', sql`assigned_to_id is null and status = 'CLOSED'`],
      ['unread=true', sql`unread_count > 0`],
      [`unread=false&channelId=${mail}&status=OPEN`, sql`unread_count = 0 and channel_id = ${mail} and status = 'OPEN'`],
    ];
    for (const [query, where] of cases) {
      const res = await admin.get(`/api/conversations?${query}`);
      expect(res.status).toBe(200);
      expect(res.body.data.pagination.total, query).toBe(await count(where));
      expect(res.body.data.pagination, query).not.toHaveProperty('totalIsEstimate');
    }
    const badges = (await admin.get('/api/conversations/counts')).body.data;
    for (const status of ['OPEN', 'PENDING', 'CLOSED', 'ARCHIVED']) {
      expect(badges[status]).toEqual({
        total: await count(sql`status = ${status}`),
        unread: await count(sql`status = ${status} and unread_count > 0`),
        mine: await count(sql`status = ${status} and assigned_to_id = ${admin.userId}`),
        unassigned: await count(sql`status = ${status} and assigned_to_id is null`),
      });
    }
  });

  test('a deleted organization leaves no counter rows', async () => {
    const { admin, chat } = await setup();
    await create(admin, { channelId: chat, customer: { name: 'Gone' } });
    await t.app.db.execute(sql`delete from organizations where id = ${admin.organizationId}`);
    expect(await rows(t.app.db, sql`select * from conversation_counters where organization_id = ${admin.organizationId}`)).toEqual([]);
  });
});

describe('search across statuses', () => {
  test('no status, or status=ALL, finds every status; a status narrows it; rows carry their status', async () => {
    const { admin, chat } = await setup();
    const statuses = ['OPEN', 'PENDING', 'CLOSED', 'ARCHIVED'] as const;
    const ids = [];
    for (const status of statuses) ids.push(await create(admin, { channelId: chat, customer: { name: 'Zebulon' }, subject: `okapi ${status}`, status }));
    for (const q of ['search=okapi', 'search=okapi&status=ALL']) {
      const res = await admin.get(`/api/conversations?${q}`);
      expect(res.body.data.items.map((c: { status: string }) => c.status).sort()).toEqual([...statuses].sort());
      expect(res.body.data.pagination.total).toBe(4);
    }
    const closed = await admin.get('/api/conversations?search=okapi&status=CLOSED');
    expect(closed.body.data.items.map((c: { id: string }) => c.id)).toEqual([ids[2]]);
    expect((await admin.get('/api/conversations?status=NOPE')).status).toBe(400);
  });

  test('the search index keeps a bounded pending list (migration 0017): a search never scans megabytes of queued entries', async () => {
    const [index] = await rows<{ options: string[] | null }>(t.app.db, sql`select reloptions as options from pg_class where relname = 'conversations_search_idx'`);
    expect(index!.options).toEqual(['gin_pending_list_limit=256']);
  });
});
