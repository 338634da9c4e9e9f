import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { client, type Org, type TestApp } from '../../../test/helpers/app.ts';
import type { Frame, TestSocket } from '../../../test/helpers/instances.ts';
import { closeOrganizationsWithSockets, twoOrganizationsWithSockets } from '../../../test/helpers/org-sockets.ts';

let t: TestApp;
let A: Org;
let B: Org;
let base: string;
let agent: TestSocket;
let foreign: TestSocket;

beforeAll(async () => {
  ({ t, A, B, base, agent, foreign } = await twoOrganizationsWithSockets());
});
afterAll(() => closeOrganizationsWithSockets({ t, agent, foreign }));

const team = (f: Frame) => f.type === 'member.changed' || f.type === 'invitation.changed';
const next = (socket: TestSocket, predicate: (f: Frame) => boolean) => socket.waitFor((f) => team(f) && predicate(f), 10_000);

describe('team changes reach every member\'s socket (live team page)', () => {
  test('invite, revoke, accept, change role, remove: one event each, ids only, never to another organization', async () => {
    const created = await A.ADMIN.post('/api/invitations', { email: 'grace@example.com', role: 'AGENT' });
    expect(created.status).toBe(201);
    const invited = await next(agent, (f) => f.data.id === created.body.data.id && f.data.change === 'created');
    expect(invited.type).toBe('invitation.changed');
    // Members see that something changed, not the address nor the token (those are for admins, through the API).
    expect(invited.data).toEqual({ id: created.body.data.id, change: 'created' });

    expect((await A.ADMIN.delete(`/api/invitations/${created.body.data.id}`)).status).toBe(200);
    await next(agent, (f) => f.data.id === created.body.data.id && f.data.change === 'revoked');

    const again = (await A.ADMIN.post('/api/invitations', { email: 'ada@example.com', role: 'VIEWER' })).body.data;
    const accepted = await client(t.app).post('/api/auth/accept-invite', { token: again.token, name: 'Ada', password: 'correct-horse-battery' });
    expect(accepted.status).toBe(201);
    const userId = accepted.body.data.user.id;
    await next(agent, (f) => f.type === 'member.changed' && f.data.userId === userId && f.data.change === 'joined');
    await next(agent, (f) => f.data.id === again.id && f.data.change === 'accepted');

    const memberId = (await A.ADMIN.get('/api/members')).body.data.items.find((m: { userId: string }) => m.userId === userId).id;
    expect((await A.ADMIN.patch(`/api/members/${memberId}`, { role: 'AGENT' })).status).toBe(200);
    await next(agent, (f) => f.type === 'member.changed' && f.data.userId === userId && f.data.change === 'role');
    expect((await A.ADMIN.delete(`/api/members/${memberId}`)).status).toBe(200);
    await next(agent, (f) => f.type === 'member.changed' && f.data.userId === userId && f.data.change === 'removed');

    // Organization B's socket may carry B's own set-up events (dispatched late on PostgreSQL), never A's.
    const ofA = (f: Frame) => f.data.id === created.body.data.id || f.data.id === again.id || f.data.userId === userId;
    expect(foreign.events().filter(team).filter(ofA)).toEqual([]);
  });

  test('a refused change emits nothing', async () => {
    const before = agent.events().filter(team).length;
    expect((await A.AGENT.post('/api/invitations', { email: 'x@example.com', role: 'AGENT' })).status).toBe(403);
    expect((await B.ADMIN.delete(`/api/members/${(await A.ADMIN.get('/api/members')).body.data.items[0].id}`)).status).toBe(404);
    const lastAdmin = (await A.ADMIN.get('/api/members')).body.data.items.find((m: { role: string }) => m.role === 'ADMIN').id;
    expect((await A.ADMIN.patch(`/api/members/${lastAdmin}`, { role: 'AGENT' })).status).toBe(409);
    await t.app.events.dispatch();
    expect(agent.events().filter(team)).toHaveLength(before);
  });
});
