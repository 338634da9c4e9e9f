import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { channels } from '../../db/schema/index.ts';
import type { Org, TestApp } from '../../../test/helpers/app.ts';
import type { TestSocket } from '../../../test/helpers/instances.ts';
import { closeOrganizationsWithSockets, twoOrganizationsWithSockets } from '../../../test/helpers/org-sockets.ts';

let t: TestApp;
let A: Org;
let B: Org;
let chatA: string;
let agent: TestSocket;
let foreign: TestSocket;

beforeAll(async () => {
  ({ t, A, B, agent, foreign } = await twoOrganizationsWithSockets());
  chatA = (await t.app.db.insert(channels).values({ organizationId: A.ADMIN.organizationId, type: 'WEBSITE_CHAT', name: 'Chat', credentials: 'x' }).returning())[0]!.id;
});
afterAll(() => closeOrganizationsWithSockets({ t, agent, foreign }));

describe('editing a customer reaches the organization\'s sockets (side panels and rows show the new name)', () => {
  test('PATCH emits customer.updated with the customer as the API shows it, never to another organization', async () => {
    const created = await A.AGENT.post('/api/conversations', { channelId: chatA, customer: { name: 'Ada', email: 'ada@example.com' } });
    const customerId = created.body.data.customer.id as string;
    const res = await A.ADMIN.patch(`/api/customers/${customerId}`, { name: 'Ada Lovelace', email: 'ada.l@example.com' });
    expect(res.status).toBe(200);
    const frame = await agent.waitFor((f) => f.type === 'customer.updated' && f.data.id === customerId, 10_000);
    expect(frame.data).toEqual(res.body.data);

    expect((await B.ADMIN.patch(`/api/customers/${customerId}`, { name: 'Mallory' })).status).toBe(404);
    await t.app.events.dispatch();
    expect(foreign.events().filter((f) => f.type === 'customer.updated' && f.data.id === customerId)).toEqual([]);
    expect(agent.events().filter((f) => f.type === 'customer.updated' && f.data.id === customerId)).toHaveLength(1);
  });
});
