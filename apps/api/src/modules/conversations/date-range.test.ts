import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { conversations } from '../../db/schema/index.ts';
import { buildTestApp, client, errorOf, twoOrganizations, type Actor, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { insertChannel } from '../../../test/helpers/fixtures.ts';

/** GET /api/conversations?since=&until= — the date range on lastMessageAt (since inclusive, until exclusive). */
let t: TestApp;
let A: Org;
let B: Org;
const at: Record<string, string> = {};

async function create(as: Actor, channelId: string, body: Record<string, unknown>, lastMessageAt: string) {
  const res = await as.post('/api/conversations', { channelId, ...body });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  const id = res.body.data.id as string;
  await t.app.db.update(conversations).set({ lastMessageAt: new Date(lastMessageAt) }).where(eq(conversations.id, id));
  return id;
}
const list = async (query: string, as: Actor = A.VIEWER) => {
  const res = await as.get(`/api/conversations?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as { items: { id: string }[]; pagination: { total: number; totalIsEstimate?: boolean } };
};
const ids = async (query: string, as?: Actor) => new Set((await list(query, as)).items.map((c) => c.id));

beforeAll(async () => {
  t = await buildTestApp();
  ({ A, B } = await twoOrganizations(t.app));
  const chat = (await insertChannel(t.app.db, { organizationId: A.ADMIN.organizationId, name: 'Chat' })).id;
  const chatB = (await insertChannel(t.app.db, { organizationId: B.ADMIN.organizationId, name: 'Chat' })).id;
  at.jan = await create(A.AGENT, chat, { subject: 'Walrus in January' }, '2026-01-10T12:00:00Z');
  at.febStart = await create(A.AGENT, chat, { subject: 'Walrus on the first of February' }, '2026-02-01T00:00:00Z');
  at.feb = await create(A.AGENT, chat, { subject: 'Penguin in February' }, '2026-02-15T08:00:00Z');
  at.mar = await create(A.AGENT, chat, { subject: 'Walrus in March', status: 'PENDING' }, '2026-03-01T00:00:00Z');
  await A.AGENT.patch(`/api/conversations/${at.feb}`, { status: 'CLOSED' });
  await t.app.db.update(conversations).set({ lastMessageAt: new Date('2026-02-15T08:00:00Z') }).where(eq(conversations.id, at.feb));
  at.other = await create(B.AGENT, chatB, { subject: 'Walrus elsewhere' }, '2026-02-10T00:00:00Z');
});
afterAll(() => t.close());

describe('date range filter', () => {
  test('since is inclusive, until exclusive; either alone; other organizations never appear', async () => {
    expect(await ids('since=2026-02-01T00:00:00Z&until=2026-03-01T00:00:00Z')).toEqual(new Set([at.febStart, at.feb]));
    expect(await ids('since=2026-02-01T00:00:01Z')).toEqual(new Set([at.feb, at.mar]));
    expect(await ids('until=2026-02-01T00:00:00Z')).toEqual(new Set([at.jan]));
    // An offset is honoured: 01:00+01:00 is midnight UTC.
    expect(await ids('since=2026-03-01T01:00:00%2B01:00')).toEqual(new Set([at.mar]));
    expect(await ids('since=2026-02-01T00:00:00Z', B.VIEWER)).toEqual(new Set([at.other]));
  });

  test('combines with status, status=ALL and search; the total is the (capped) count under the range', async () => {
    const feb = 'since=2026-02-01T00:00:00Z&until=2026-03-01T00:00:00Z';
    expect(await ids(`${feb}&status=OPEN`)).toEqual(new Set([at.febStart]));
    expect(await ids(`${feb}&status=CLOSED`)).toEqual(new Set([at.feb]));
    expect(await ids(`${feb}&status=ALL`)).toEqual(new Set([at.febStart, at.feb]));
    expect(await ids(`${feb}&status=ALL&search=walrus`)).toEqual(new Set([at.febStart]));
    expect(await ids(`since=2026-02-01T00:00:00Z&search=walrus`)).toEqual(new Set([at.febStart, at.mar]));
    expect(await ids(`until=2026-02-01T00:00:00Z&search=penguin`)).toEqual(new Set());
    const page = await list(`${feb}&status=ALL`);
    expect(page.pagination.total).toBe(2);
    expect(page.pagination.totalIsEstimate).toBeUndefined();
    expect((await list('status=ALL&until=2026-02-01T00:00:00Z')).pagination.total).toBe(1);
    expect((await list('status=ALL')).pagination.total).toBe(4);
  });

  test('bad values are 400 with fields.since / fields.until; since ≥ until is 400', async () => {
    for (const [query, field] of [
      ['since=yesterday', 'since'], ['until=2026-13-01T00:00:00Z', 'until'], ['since=2026-02-01', 'since'], ['until=', 'until'],
    ] as const) {
      const res = await A.VIEWER.get(`/api/conversations?${query}`);
      expect(res.status, query).toBe(400);
      expect(errorOf(res).fields, query).toHaveProperty(field);
    }
    for (const query of ['since=2026-02-01T00:00:00Z&until=2026-02-01T00:00:00Z', 'since=2026-03-01T00:00:00Z&until=2026-02-01T00:00:00Z']) {
      const res = await A.VIEWER.get(`/api/conversations?${query}`);
      expect(res.status, query).toBe(400);
      expect(errorOf(res).fields, query).toHaveProperty('until');
    }
  });

  test('the OpenAPI document lists since and until as query parameters', async () => {
    const doc = (await client(t.app).get('/api/openapi.json')).body;
    const names = (doc.paths['/api/conversations'].get.parameters as { name: string; in: string }[]).filter((p) => p.in === 'query').map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['since', 'until', 'search', 'status']));
  });
});
