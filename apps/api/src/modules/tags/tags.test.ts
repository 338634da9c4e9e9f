import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { client, errorOf, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { twoOrganizationsWithChannels } from '../../../test/helpers/channel-orgs.ts';

let t: TestApp;
let A: Org;
let B: Org;
let chA: string;
let chB: string;
beforeAll(async () => {
  ({ t, A, B, chA, chB } = await twoOrganizationsWithChannels());
});
afterAll(() => t.close());

const conversation = async (as: Org[keyof Org], channelId: string, subject = 'Hello') =>
  (await as.post('/api/conversations', { channelId, subject })).body.data as { id: string };
const tag = async (as: Org[keyof Org], name: string, color = 'blue') => (await as.post('/api/tags', { name, color })).body.data as { id: string; name: string; color: string };
const namesOf = (res: { body: { data: { items: { name: string }[] } } }) => res.body.data.items.map((r) => r.name);
const idsOf = (res: { body: { data: { items: { id: string }[] } } }) => res.body.data.items.map((r) => r.id);

describe('/api/tags', () => {
  test('AGENT and ADMIN create (201 {id, name, color}); VIEWER 403; anonymous 401', async () => {
    const res = await A.AGENT.post('/api/tags', { name: ' Billing ', color: 'Blue' });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({ id: expect.any(String), name: 'Billing', color: 'blue' });
    expect((await A.ADMIN.post('/api/tags', { name: 'VIP', color: '#FF8800' })).body.data.color).toBe('#ff8800');
    expect((await A.ADMIN.post('/api/tags', { name: 'Plain' })).body.data.color).toBe('gray');
    expect((await A.VIEWER.post('/api/tags', { name: 'Nope' })).status).toBe(403);
    expect((await client(t.app).post('/api/tags', { name: 'Nope' })).status).toBe(401);
  });

  test('a name is unique per organization whatever its case (409), not across organizations', async () => {
    const dup = await A.AGENT.post('/api/tags', { name: 'billing' });
    expect(dup.status).toBe(409);
    expect(errorOf(dup).code).toBe('CONFLICT');
    expect((await B.AGENT.post('/api/tags', { name: 'Billing' })).status).toBe(201);
  });

  test('bad input: 400 with the field', async () => {
    const fieldsOf = async (b: Record<string, unknown>) => Object.keys(errorOf(await A.AGENT.post('/api/tags', b)).fields ?? {});
    expect(await fieldsOf({ name: ' ' })).toEqual(['name']);
    expect(await fieldsOf({ name: 'x'.repeat(51) })).toEqual(['name']);
    expect(await fieldsOf({ name: 'ok', color: 'chartreuse' })).toEqual(['color']);
    expect(await fieldsOf({ name: 'ok', color: '#12345' })).toEqual(['color']);
    expect((await A.AGENT.post('/api/tags', { name: 'ok', extra: 1 })).status).toBe(400);
  });

  test('every member lists its organization\'s tags by name, never another\'s', async () => {
    const res = await A.VIEWER.get('/api/tags');
    expect(res.status).toBe(200);
    expect(namesOf(res)).toEqual(['Billing', 'Plain', 'VIP']);
    expect(namesOf(await B.VIEWER.get('/api/tags'))).toEqual(['Billing']);
  });

  test('update and delete: AGENT/ADMIN, VIEWER 403, another org 404, name clash 409', async () => {
    const t1 = await tag(A.AGENT, 'Temp');
    expect((await A.VIEWER.patch(`/api/tags/${t1.id}`, { name: 'x' })).status).toBe(403);
    expect((await B.ADMIN.patch(`/api/tags/${t1.id}`, { name: 'x' })).status).toBe(404);
    expect((await A.AGENT.patch(`/api/tags/${randomUUID()}`, { name: 'x' })).status).toBe(404);
    expect((await A.ADMIN.patch(`/api/tags/${t1.id}`, { name: 'Shipping', color: 'teal' })).body.data).toEqual({ id: t1.id, name: 'Shipping', color: 'teal' });
    expect((await A.ADMIN.patch(`/api/tags/${t1.id}`, { name: 'VIP' })).status).toBe(409);
    expect(Object.keys(errorOf(await A.ADMIN.patch(`/api/tags/${t1.id}`, { color: 'nope' })).fields ?? {})).toEqual(['color']);
    expect((await A.VIEWER.delete(`/api/tags/${t1.id}`)).status).toBe(403);
    expect((await B.ADMIN.delete(`/api/tags/${t1.id}`)).status).toBe(404);
    expect((await A.AGENT.delete(`/api/tags/${t1.id}`)).body.data).toEqual({ id: t1.id });
    expect((await A.AGENT.delete(`/api/tags/${t1.id}`)).status).toBe(404);
  });
});

describe('tags on conversations', () => {
  test('PATCH {tagIds} sets them; the conversation carries {id, name, color} by name; another org\'s id → 400 fields.tagIds', async () => {
    const [billing, vip] = [await tag(A.AGENT, 'Refunds', 'red'), await tag(A.AGENT, 'Angry', 'orange')];
    const c = await conversation(A.AGENT, chA);
    const res = await A.AGENT.patch(`/api/conversations/${c.id}`, { tagIds: [billing.id, vip.id] });
    expect(res.status).toBe(200);
    expect(res.body.data.tags).toEqual([vip, billing]);
    expect((await A.VIEWER.get(`/api/conversations/${c.id}`)).body.data.tags).toEqual([vip, billing]);
    const foreign = await tag(B.AGENT, 'Theirs');
    const bad = await A.AGENT.patch(`/api/conversations/${c.id}`, { tagIds: [billing.id, foreign.id] });
    expect(bad.status).toBe(400);
    expect(Object.keys(errorOf(bad).fields ?? {})).toEqual(['tagIds']);
    expect(Object.keys(errorOf(await A.AGENT.patch(`/api/conversations/${c.id}`, { tagIds: [randomUUID()] })).fields ?? {})).toEqual(['tagIds']);
    expect((await A.VIEWER.patch(`/api/conversations/${c.id}`, { tagIds: [] })).status).toBe(403);
    expect((await A.AGENT.patch(`/api/conversations/${c.id}`, { tagIds: [billing.id] })).body.data.tags).toEqual([billing]);
    // Deleting a tag takes it off.
    await A.AGENT.delete(`/api/tags/${billing.id}`);
    expect((await A.AGENT.get(`/api/conversations/${c.id}`)).body.data.tags).toEqual([]);
  });

  test('list filter tag=<id>; repeated = all of them; combined with status=ALL search; totals exact', async () => {
    const [x, y] = [await tag(A.AGENT, 'Filter X'), await tag(A.AGENT, 'Filter Y')];
    const both = await conversation(A.AGENT, chA, 'Zebra both');
    const onlyX = await conversation(A.AGENT, chA, 'Zebra only x');
    await conversation(A.AGENT, chA, 'Zebra none');
    await A.AGENT.patch(`/api/conversations/${both.id}`, { tagIds: [x.id, y.id] });
    await A.AGENT.patch(`/api/conversations/${onlyX.id}`, { tagIds: [x.id], status: 'CLOSED' });
    const byX = await A.VIEWER.get(`/api/conversations?tag=${x.id}`);
    expect(idsOf(byX).sort()).toEqual([both.id, onlyX.id].sort());
    expect(byX.body.data.pagination).toMatchObject({ total: 2 });
    expect(byX.body.data.pagination.totalIsEstimate).toBeUndefined();
    expect(idsOf(await A.VIEWER.get(`/api/conversations?tag=${x.id}&tag=${y.id}`))).toEqual([both.id]);
    expect(idsOf(await A.VIEWER.get(`/api/conversations?tag=${x.id}&status=OPEN`))).toEqual([both.id]);
    expect(idsOf(await A.VIEWER.get(`/api/conversations?tag=${x.id}&status=ALL&search=zebra`)).sort()).toEqual([both.id, onlyX.id].sort());
    // Every row of a page comes with its tags.
    const page = (await A.VIEWER.get(`/api/conversations?status=ALL&search=zebra`)).body.data.items as { id: string; tags: { name: string }[] }[];
    expect(page.find((c) => c.id === both.id)!.tags.map((t) => t.name)).toEqual(['Filter X', 'Filter Y']);
    // Another organization's tag matches nothing here.
    expect(idsOf(await B.VIEWER.get(`/api/conversations?tag=${x.id}`))).toEqual([]);
    expect((await A.VIEWER.get(`/api/conversations?${Array.from({ length: 11 }, () => `tag=${x.id}`).join('&')}`)).status).toBe(400);
  });

  test('tag changes add activity lines naming who and which', async () => {
    const [a, b] = [await tag(A.AGENT, 'Line A'), await tag(A.AGENT, 'Line B')];
    const c = await conversation(A.AGENT, chA);
    await A.AGENT.patch(`/api/conversations/${c.id}`, { tagIds: [a.id, b.id] });
    await A.AGENT.patch(`/api/conversations/${c.id}`, { tagIds: [b.id] });
    const lines = async () => ((await A.AGENT.get(`/api/conversations/${c.id}/messages`)).body.data.items as { senderType: string; content: string }[])
      .filter((m) => m.senderType === 'SYSTEM').map((m) => m.content);
    await expect.poll(lines).toEqual(['Test AGENT tagged this Line A, Line B', 'Test AGENT removed the tag Line A']);
  });
});
