import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { conversations } from '../../db/schema/index.ts';
import { wakeSnoozed } from './service.ts';
import { sweepOverdue } from './snooze.ts';
import { buildTestApp, client, errorOf, twoOrganizations, type Org, type TestApp } from '../../../test/helpers/app.ts';

let t: TestApp;
let A: Org;
let B: Org;
let channelId: string;
beforeAll(async () => {
  t = await buildTestApp();
  ({ A, B } = await twoOrganizations(t.app));
  channelId = (await A.ADMIN.post('/api/channels', { type: 'WEBSITE_CHAT', name: 'Site', credentials: {} })).body.data.id;
});
afterAll(() => t.close());

/** A website-chat conversation started by a new visitor (who can write again). */
async function visitorConversation() {
  const visitorId = randomUUID();
  const res = await client(t.app).post('/api/widget/message', { channelId, visitorId, content: 'Where is my order?' });
  expect(res.status).toBe(201);
  return { visitorId, id: res.body.data.message.conversationId as string };
}
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
const get = async (id: string) => (await A.AGENT.get(`/api/conversations/${id}`)).body.data as { status: string; snoozedUntil: string | null };
const lines = async (id: string) => ((await A.AGENT.get(`/api/conversations/${id}/messages`)).body.data.items as { senderType: string; content: string; private: boolean }[])
  .filter((m) => m.senderType === 'SYSTEM').map((m) => m.content);

describe('snooze', () => {
  test('PATCH {snoozedUntil} makes it PENDING until then; the job reopens it (OPEN, activity line) at that time', async () => {
    const { id } = await visitorConversation();
    const until = inMs(2500);
    const res = await A.AGENT.patch(`/api/conversations/${id}`, { snoozedUntil: until });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'PENDING', snoozedUntil: until });
    // The Snoozed view.
    const snoozed = (await A.VIEWER.get('/api/conversations?status=PENDING&snoozed=true')).body.data.items.map((c: { id: string }) => c.id);
    expect(snoozed).toContain(id);
    expect(await get(id)).toMatchObject({ status: 'PENDING' });
    await expect.poll(() => get(id), { timeout: 15_000, interval: 250 }).toMatchObject({ status: 'OPEN', snoozedUntil: null });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(until));
    await expect.poll(() => lines(id)).toEqual([`Test AGENT snoozed this until ${until.slice(0, 16).replace('T', ' ')} UTC`, 'HelpStack reopened this (snooze ended)']);
    expect((await A.VIEWER.get('/api/conversations?snoozed=true')).body.data.items.map((c: { id: string }) => c.id)).not.toContain(id);
  }, 30_000);

  test('a job for a snooze that was changed or cleared does nothing', async () => {
    const resnoozed = await visitorConversation();
    const cleared = await visitorConversation();
    const closed = await visitorConversation();
    for (const c of [resnoozed, cleared, closed]) await A.AGENT.patch(`/api/conversations/${c.id}`, { snoozedUntil: inMs(1500) });
    const later = inMs(3600_000);
    await A.AGENT.patch(`/api/conversations/${resnoozed.id}`, { snoozedUntil: later });
    const unsnoozed = await A.AGENT.patch(`/api/conversations/${cleared.id}`, { snoozedUntil: null });
    expect(unsnoozed.body.data).toMatchObject({ status: 'OPEN', snoozedUntil: null });
    await A.AGENT.patch(`/api/conversations/${cleared.id}`, { status: 'PENDING' });
    expect((await A.AGENT.patch(`/api/conversations/${closed.id}`, { status: 'CLOSED' })).body.data).toMatchObject({ status: 'CLOSED', snoozedUntil: null });
    // Past the first snooze's end and the job's polling.
    await new Promise((r) => setTimeout(r, 4500));
    expect(await get(resnoozed.id)).toMatchObject({ status: 'PENDING', snoozedUntil: later });
    expect(await get(cleared.id)).toMatchObject({ status: 'PENDING', snoozedUntil: null });
    expect(await get(closed.id)).toMatchObject({ status: 'CLOSED', snoozedUntil: null });
    expect(await lines(cleared.id)).toEqual([expect.stringMatching(/snoozed this until/), 'Test AGENT unsnoozed this', 'Test AGENT marked this as pending']);
  }, 30_000);

  test('a customer message reopens it earlier and clears the snooze', async () => {
    const { id, visitorId } = await visitorConversation();
    await A.AGENT.patch(`/api/conversations/${id}`, { snoozedUntil: inMs(3600_000) });
    await client(t.app).post('/api/widget/message', { channelId, visitorId, content: 'Any news?' });
    expect(await get(id)).toMatchObject({ status: 'OPEN', snoozedUntil: null });
  });

  test('bad input → 400 fields.snoozedUntil; VIEWER 403; another organization 404', async () => {
    const { id } = await visitorConversation();
    const fieldsOf = async (body: Record<string, unknown>) => Object.keys(errorOf(await A.AGENT.patch(`/api/conversations/${id}`, body)).fields ?? {});
    expect(await fieldsOf({ snoozedUntil: inMs(-60_000) })).toEqual(['snoozedUntil']);
    expect(await fieldsOf({ snoozedUntil: inMs(367 * 24 * 3600_000) })).toEqual(['snoozedUntil']);
    expect(await fieldsOf({ snoozedUntil: 'tomorrow' })).toEqual(['snoozedUntil']);
    expect(await fieldsOf({ snoozedUntil: inMs(60_000), status: 'CLOSED' })).toEqual(['status']);
    expect((await A.VIEWER.patch(`/api/conversations/${id}`, { snoozedUntil: inMs(60_000) })).status).toBe(403);
    expect((await B.ADMIN.patch(`/api/conversations/${id}`, { snoozedUntil: inMs(60_000) })).status).toBe(404);
    expect(await get(id)).toMatchObject({ status: 'OPEN', snoozedUntil: null });
  });

  test('the sweeper wakes a snooze whose job was lost (overdue by more than a minute)', async () => {
    const { id } = await visitorConversation();
    const until = new Date(Date.now() - 120_000);
    await t.app.db.update(conversations).set({ status: 'PENDING', snoozedUntil: until }).where(eq(conversations.id, id));
    expect(await sweepOverdue(t.app, (job) => wakeSnoozed(t.app, job))).toBeGreaterThanOrEqual(1);
    expect(await get(id)).toMatchObject({ status: 'OPEN', snoozedUntil: null });
    await expect.poll(() => lines(id)).toEqual(['HelpStack reopened this (snooze ended)']);
    expect(await sweepOverdue(t.app, (job) => wakeSnoozed(t.app, job))).toBe(0);
  });
});
