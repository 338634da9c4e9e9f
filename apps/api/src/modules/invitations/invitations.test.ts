import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, client, errorOf, signupActor, type Actor, type TestApp } from '../../../test/helpers/app.ts';
import { rows } from '../../../test/helpers/database.ts';

let t: TestApp;
let admin: Actor;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await signupActor(t.app);
});
afterAll(() => t.close());

const accept = (token: string, password = 'another-long-password') =>
  client(t.app).post('/api/auth/accept-invite', { token, name: 'Grace', password });

describe('invitations', () => {
  test('201 {id,email,role,token,expiresAt}; only a hash of the token is stored', async () => {
    const res = await admin.post('/api/invitations', { email: 'Grace@Example.com', role: 'AGENT' });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({ id: expect.any(String), email: 'grace@example.com', role: 'AGENT', token: expect.any(String), expiresAt: expect.any(String) });
    const found = await rows<{ token_hash: string }>(t.database.db, sql`select token_hash from invitations where id = ${res.body.data.id}`);
    expect(found[0]!.token_hash).not.toBe(res.body.data.token);
    expect(found[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a token works once', async () => {
    const { token } = (await admin.post('/api/invitations', { email: 'once@example.com', role: 'VIEWER' })).body.data;
    const first = await accept(token);
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ role: 'VIEWER', organization: { id: admin.organizationId }, user: { email: 'once@example.com' } });
    const second = await accept(token);
    expect(second.status).toBe(404);
    errorOf(second);
  });

  test('an expired token is refused', async () => {
    const inv = (await admin.post('/api/invitations', { email: 'late@example.com', role: 'AGENT' })).body.data;
    await t.database.db.execute(sql`update invitations set expires_at = now() - interval '1 second' where id = ${inv.id}`);
    expect((await accept(inv.token)).status).toBe(404);
  });

  test('an existing account joins a second organization only with its own password', async () => {
    const other = await signupActor(t.app, 'other');
    const { token } = (await admin.post('/api/invitations', { email: other.email, role: 'AGENT' })).body.data;
    expect((await accept(token, 'not-their-password')).status).toBe(401);
    const { token: token2 } = (await admin.post('/api/invitations', { email: other.email, role: 'AGENT' })).body.data;
    const ok = await accept(token2, other.password);
    expect(ok.status).toBe(201);
    expect(ok.body.data.organization.id).toBe(admin.organizationId);
  });

  test('ADMIN only; pending list and revoke stay inside the organization', async () => {
    const agent = await (await import('../../../test/helpers/app.ts')).inviteActor(t.app, admin, 'AGENT');
    expect((await agent.post('/api/invitations', { email: 'x@example.com', role: 'AGENT' })).status).toBe(403);
    const inv = (await admin.post('/api/invitations', { email: 'pending@example.com', role: 'AGENT' })).body.data;
    const list = await admin.get('/api/invitations');
    expect(list.body.data.items.some((i: { id: string }) => i.id === inv.id)).toBe(true);
    expect(JSON.stringify(list.body)).not.toContain(inv.token);
    const stranger = await signupActor(t.app, 'stranger');
    expect((await stranger.delete(`/api/invitations/${inv.id}`)).status).toBe(404);
    expect((await admin.delete(`/api/invitations/${inv.id}`)).status).toBe(200);
    expect((await accept(inv.token)).status).toBe(404);
  });
});
