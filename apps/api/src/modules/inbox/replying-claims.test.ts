import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, client, twoOrganizations, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { rows } from '../../../test/helpers/database.ts';

let t: TestApp;
let A: Org;
let channelId: string;

beforeAll(async () => {
  t = await buildTestApp();
  ({ A } = await twoOrganizations(t.app));
  channelId = (await A.ADMIN.post('/api/channels', { type: 'WEBSITE_CHAT', name: 'Site', credentials: {} })).body.data.id;
});
afterAll(() => t.close());

async function visitorConversation(): Promise<string> {
  const res = await client(t.app).post('/api/widget/message', { channelId, visitorId: randomUUID(), content: 'Hello?' });
  expect(res.status).toBe(201);
  return res.body.data.message.conversationId;
}
const reply = (as: Org[keyof Org], conversationId: string, content: string) =>
  as.post(`/api/conversations/${conversationId}/messages`, { conversationId, content });
const assigneeOf = async (conversationId: string) => (await A.ADMIN.get(`/api/conversations/${conversationId}`)).body.data.assignedToId;
const activity = async (conversationId: string) =>
  ((await A.AGENT.get(`/api/conversations/${conversationId}/messages`)).body.data.items as Array<{ senderType: string; content: string }>)
    .filter((m) => m.senderType === 'SYSTEM').map((m) => m.content);
const updatesOf = (conversationId: string) =>
  rows<{ meta: Record<string, unknown> | null; assigned: string | null }>(t.app.db, sql`
    select meta, payload->>'assignedToId' as assigned from domain_events
    where type = 'conversation.updated' and payload->>'id' = ${conversationId} order by id`);

describe('replying claims (CONTRACT §12)', () => {
  test("an agent's reply to an unassigned conversation assigns it to them, as an assignment would", async () => {
    const id = await visitorConversation();
    expect(await assigneeOf(id)).toBeNull();
    expect((await reply(A.AGENT, id, 'On it')).status).toBe(201);
    expect(await assigneeOf(id)).toBe(A.AGENT.userId);
    // The reply's conversation.updated carries what an assignment's does: who acted, who had it before.
    const claim = (await updatesOf(id)).find((e) => e.assigned === A.AGENT.userId);
    expect(claim?.meta).toEqual({ actorUserId: A.AGENT.userId, previousAssignedToId: null });
    await t.app.events.dispatch();
    await expect.poll(() => activity(id)).toEqual(['Test AGENT self-assigned this']);
  });

  test('a reply to a conversation someone else has leaves it with them, and adds no activity line', async () => {
    const id = await visitorConversation();
    expect((await A.ADMIN.patch(`/api/conversations/${id}`, { assignedToId: A.ADMIN.userId })).status).toBe(200);
    expect((await reply(A.AGENT, id, 'Helping out')).status).toBe(201);
    expect(await assigneeOf(id)).toBe(A.ADMIN.userId);
    await t.app.events.dispatch();
    await expect.poll(() => activity(id)).toEqual(['Test admin self-assigned this']);
    const last = (await updatesOf(id)).at(-1);
    expect(last?.meta ?? {}).not.toHaveProperty('previousAssignedToId');
  });

  test('a private note never claims', async () => {
    const id = await visitorConversation();
    expect((await A.AGENT.post(`/api/conversations/${id}/notes`, { content: 'Looking into it' })).status).toBe(201);
    expect(await assigneeOf(id)).toBeNull();
  });

  test('a refused reply (VIEWER) claims nothing', async () => {
    const id = await visitorConversation();
    expect((await reply(A.VIEWER, id, 'Hi')).status).toBe(403);
    expect(await assigneeOf(id)).toBeNull();
  });
});
