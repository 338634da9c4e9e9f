import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, errorOf, twoOrganizations, type Org, type TestApp } from '../../../test/helpers/app.ts';

let t: TestApp;
let A: Org;
let B: Org;
beforeAll(async () => {
  t = await buildTestApp();
  ({ A, B } = await twoOrganizations(t.app));
});
afterAll(() => t.close());

const memberIdOf = async (org: Org, email: string) =>
  (await org.ADMIN.get('/api/members')).body.data.items.find((m: { email: string }) => m.email === email).id as string;

describe('GET /api/members', () => {
  test('every role lists its own organization only, in the list shape', async () => {
    for (const role of ['ADMIN', 'AGENT', 'VIEWER'] as const) {
      const res = await A[role].get('/api/members');
      expect(res.status).toBe(200);
      const { items, pagination } = res.body.data;
      expect(items.map((m: { email: string }) => m.email).sort()).toEqual([A.ADMIN.email, A.AGENT.email, A.VIEWER.email].sort());
      expect(items[0]).toEqual({ id: expect.any(String), userId: expect.any(String), email: expect.any(String), name: expect.any(String), role: expect.any(String), online: false, createdAt: expect.any(String) });
      expect(pagination).toEqual({ page: 1, pageSize: 20, total: 3, totalPages: 1, nextCursor: null });
    }
  });

  test('pageSize is clamped to 100, not rejected', async () => {
    const res = await A.AGENT.get('/api/members?pageSize=500');
    expect(res.status).toBe(200);
    expect(res.body.data.pagination.pageSize).toBe(100);
  });

  test('401 without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/members' });
    expect(res.statusCode).toBe(401);
  });
});

describe('PATCH/DELETE /api/members/:id', () => {
  test('ADMIN only: AGENT and VIEWER get 403', async () => {
    const id = await memberIdOf(A, A.VIEWER.email);
    expect((await A.AGENT.patch(`/api/members/${id}`, { role: 'AGENT' })).status).toBe(403);
    expect((await A.VIEWER.patch(`/api/members/${id}`, { role: 'AGENT' })).status).toBe(403);
    expect((await A.AGENT.delete(`/api/members/${id}`)).status).toBe(403);
  });

  test('another organization\'s member id is 404 and changes nothing', async () => {
    const id = await memberIdOf(B, B.VIEWER.email);
    const res = await A.ADMIN.patch(`/api/members/${id}`, { role: 'ADMIN' });
    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe('NOT_FOUND');
    expect((await A.ADMIN.delete(`/api/members/${id}`)).status).toBe(404);
    const still = (await B.ADMIN.get('/api/members')).body.data.items.find((m: { id: string }) => m.id === id);
    expect(still.role).toBe('VIEWER');
  });

  test('a bad role is 400 with fields.role', async () => {
    const id = await memberIdOf(A, A.VIEWER.email);
    const res = await A.ADMIN.patch(`/api/members/${id}`, { role: 'OWNER' });
    expect(res.status).toBe(400);
    expect(errorOf(res).fields).toHaveProperty('role');
  });

  test('the last ADMIN cannot be demoted or removed (409)', async () => {
    const id = await memberIdOf(A, A.ADMIN.email);
    expect((await A.ADMIN.patch(`/api/members/${id}`, { role: 'AGENT' })).status).toBe(409);
    expect((await A.ADMIN.delete(`/api/members/${id}`)).status).toBe(409);
  });

  test('role changes take effect on the member\'s next request', async () => {
    const id = await memberIdOf(A, A.VIEWER.email);
    const res = await A.ADMIN.patch(`/api/members/${id}`, { role: 'AGENT' });
    expect(res.status).toBe(200);
    expect(res.body.data.role).toBe('AGENT');
    expect((await A.VIEWER.get('/api/auth/session')).body.data.role).toBe('AGENT');
    await A.ADMIN.patch(`/api/members/${id}`, { role: 'VIEWER' });
  });

  test('a removed member loses access', async () => {
    const extra = await (await import('../../../test/helpers/app.ts')).inviteActor(t.app, A.ADMIN, 'AGENT');
    const id = await memberIdOf(A, extra.email);
    const res = await A.ADMIN.delete(`/api/members/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ id });
    expect((await extra.get('/api/members')).status).toBe(401);
  });
});

describe('organization', () => {
  test('GET for any member; PATCH for ADMIN only, VIEWER refused', async () => {
    expect((await A.VIEWER.get('/api/organization')).body.data.id).toBe(A.ADMIN.organizationId);
    expect((await A.AGENT.patch('/api/organization', { name: 'X' })).status).toBe(403);
    expect((await A.VIEWER.patch('/api/organization', { name: 'X' })).status).toBe(403);
    const res = await A.ADMIN.patch('/api/organization', { name: 'Renamed', defaultLanguage: 'de' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: 'Renamed', defaultLanguage: 'de' });
    expect((await B.ADMIN.get('/api/organization')).body.data.name).not.toBe('Renamed');
  });

  test('tokenBalance cannot be set by a client', async () => {
    const res = await A.ADMIN.patch('/api/organization', { tokenBalance: 1e9 });
    expect(res.status).toBe(400);
    expect(errorOf(res).fields).toHaveProperty('tokenBalance');
  });
});
