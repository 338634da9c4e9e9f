import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Org, TestApp } from '../../../test/helpers/app.ts';
import type { Frame, TestSocket } from '../../../test/helpers/instances.ts';
import { closeOrganizationsWithSockets, twoOrganizationsWithSockets } from '../../../test/helpers/org-sockets.ts';

let t: TestApp;
let A: Org;
let B: Org;
let agent: TestSocket;
let foreign: TestSocket;

beforeAll(async () => {
  ({ t, A, B, agent, foreign } = await twoOrganizationsWithSockets());
});
afterAll(() => closeOrganizationsWithSockets({ t, agent, foreign }));

const tagFrame = (f: Frame) => f.type === 'tag.updated' || f.type === 'tag.deleted';

describe('renaming or deleting a tag reaches the organization\'s sockets once (not once per conversation)', () => {
  test('rename then delete: tag.updated with the tag, tag.deleted with its id, never to another organization', async () => {
    const tag = (await A.ADMIN.post('/api/tags', { name: 'billing', color: '#ff0000' })).body.data;
    expect((await A.ADMIN.patch(`/api/tags/${tag.id}`, { name: 'invoices', color: '#00ff00' })).status).toBe(200);
    const updated = await agent.waitFor((f) => f.type === 'tag.updated' && f.data.id === tag.id, 10_000);
    expect(updated.data).toMatchObject({ id: tag.id, name: 'invoices', color: '#00ff00' });

    expect((await A.ADMIN.delete(`/api/tags/${tag.id}`)).status).toBe(200);
    const deleted = await agent.waitFor((f) => f.type === 'tag.deleted' && f.data.id === tag.id, 10_000);
    expect(deleted.data).toEqual({ id: tag.id });

    await t.app.events.dispatch();
    expect(foreign.events().filter(tagFrame).filter((f) => f.data.id === tag.id)).toEqual([]);
  });

  test('a refused change emits nothing', async () => {
    const tag = (await A.ADMIN.post('/api/tags', { name: 'vip', color: '#0000ff' })).body.data;
    const before = agent.events().filter(tagFrame).length;
    expect((await B.ADMIN.patch(`/api/tags/${tag.id}`, { name: 'x' })).status).toBe(404);
    expect((await B.ADMIN.delete(`/api/tags/${tag.id}`)).status).toBe(404);
    await t.app.events.dispatch();
    expect(agent.events().filter(tagFrame)).toHaveLength(before);
  });
});
