import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
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
afterEach(() => vi.restoreAllMocks());

const create = async (as: Org[keyof Org], channelId: string) => ((await as.post('/api/conversations', { channelId, subject: 'Bulk' })).body.data as { id: string }).id;
const bulk = (as: Org[keyof Org], body: Record<string, unknown>) => as.post('/api/conversations/bulk', body);
const get = async (id: string) => (await A.AGENT.get(`/api/conversations/${id}`)).body.data as Record<string, unknown> & { tags: { id: string }[] };
const systemLines = async (id: string) => ((await A.AGENT.get(`/api/conversations/${id}/messages`)).body.data.items as { senderType: string; content: string }[])
  .filter((m) => m.senderType === 'SYSTEM').map((m) => m.content);

describe('POST /api/conversations/bulk', () => {
  test('status: one request changes them all; foreign and unknown ids are dropped; each emits its events and activity line', async () => {
    const [a, b] = [await create(A.AGENT, chA), await create(A.AGENT, chA)];
    const theirs = await create(B.AGENT, chB);
    const emit = vi.spyOn(t.app.events, 'emit');
    const res = await bulk(A.AGENT, { ids: [a, b, a, theirs, randomUUID()], action: 'status', value: 'CLOSED' });
    expect(res.status).toBe(200);
    expect(res.body.data.ids.sort()).toEqual([a, b].sort());
    for (const id of [a, b]) expect(await get(id)).toMatchObject({ status: 'CLOSED' });
    expect((await B.AGENT.get(`/api/conversations/${theirs}`)).body.data.status).toBe('OPEN');
    const updated = emit.mock.calls.filter(([, e]) => e.type === 'conversation.updated').map(([, e]) => (e.data as { id: string }).id);
    expect(updated.sort()).toEqual([a, b].sort());
    await expect.poll(() => systemLines(a)).toEqual(['Test AGENT closed this']);
    // Already closed: nothing changes, no new event, still answered.
    emit.mockClear();
    expect((await bulk(A.AGENT, { ids: [a], action: 'status', value: 'CLOSED' })).body.data.ids).toEqual([a]);
    expect(emit).not.toHaveBeenCalled();
  });

  test('assign, priority, tag and untag', async () => {
    const [a, b] = [await create(A.AGENT, chA), await create(A.AGENT, chA)];
    const agentId = A.AGENT.userId;
    expect((await bulk(A.ADMIN, { ids: [a, b], action: 'assign', value: agentId })).status).toBe(200);
    expect(await get(a)).toMatchObject({ assignedToId: agentId });
    await bulk(A.ADMIN, { ids: [a], action: 'assign', value: null });
    expect(await get(a)).toMatchObject({ assignedToId: null });
    await bulk(A.AGENT, { ids: [a, b], action: 'priority', value: 'URGENT' });
    expect(await get(b)).toMatchObject({ priority: 'URGENT' });
    const tag = (await A.AGENT.post('/api/tags', { name: 'Bulk tag', color: 'grape' })).body.data as { id: string };
    await A.AGENT.patch(`/api/conversations/${a}`, { tagIds: [tag.id] });
    expect((await bulk(A.AGENT, { ids: [a, b], action: 'tag', value: tag.id })).body.data.ids.sort()).toEqual([a, b].sort());
    expect((await get(b)).tags.map((x) => x.id)).toEqual([tag.id]);
    expect((await A.VIEWER.get(`/api/conversations?tag=${tag.id}`)).body.data.items).toHaveLength(2);
    await bulk(A.AGENT, { ids: [a, b], action: 'untag', value: tag.id });
    expect((await get(a)).tags).toEqual([]);
    await expect.poll(() => systemLines(b)).toEqual([
      'Test admin assigned this to Test AGENT',
      'Test AGENT set the priority to Urgent',
      'Test AGENT tagged this Bulk tag',
      'Test AGENT removed the tag Bulk tag',
    ]);
  });

  test('roles and bad input: VIEWER 403, anonymous 401; 400 with the field; a foreign tag or member → 400 fields.value, nothing changed', async () => {
    const a = await create(A.AGENT, chA);
    expect((await bulk(A.VIEWER, { ids: [a], action: 'status', value: 'CLOSED' })).status).toBe(403);
    expect((await client(t.app).post('/api/conversations/bulk', { ids: [a], action: 'status', value: 'CLOSED' })).status).toBe(401);
    const fieldsOf = async (body: Record<string, unknown>) => Object.keys(errorOf(await bulk(A.AGENT, body)).fields ?? {});
    expect(await fieldsOf({ ids: [], action: 'status', value: 'CLOSED' })).toEqual(['ids']);
    expect(await fieldsOf({ ids: Array.from({ length: 101 }, () => a), action: 'status', value: 'CLOSED' })).toEqual(['ids']);
    expect(await fieldsOf({ ids: [a], action: 'status', value: 'DONE' })).toEqual(['value']);
    expect(await fieldsOf({ ids: [a], action: 'priority', value: 'HUGE' })).toEqual(['value']);
    expect((await bulk(A.AGENT, { ids: [a], action: 'explode', value: 1 })).status).toBe(400);
    const theirTag = (await B.AGENT.post('/api/tags', { name: 'Theirs' })).body.data.id;
    expect(await fieldsOf({ ids: [a], action: 'tag', value: theirTag })).toEqual(['value']);
    expect(await fieldsOf({ ids: [a], action: 'assign', value: B.AGENT.userId })).toEqual(['value']);
    expect((await get(a)).tags).toEqual([]);
    expect(await get(a)).toMatchObject({ assignedToId: null });
  });
});
