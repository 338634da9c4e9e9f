import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { buildTestApp, client, inviteActor, sessionCookieOf, signupActor, type Actor, type TestApp } from '../../../test/helpers/app.ts';
import { buildInstance, testRedisUrl } from '../../../test/helpers/instances.ts';
import type { App } from '../../app.ts';
import { passwordResetTokens, sessions } from '../../db/schema/index.ts';
import { sha256 } from '../../lib/tokens.ts';

/**
 * Session validation reads a short-lived in-process cache (session-cache.ts) before the database; logout,
 * rotation, a role change, a member's removal, a password reset and an organization change invalidate it
 * on every instance at once through the event bus. Checked with two instances sharing one database and
 * one Redis: each request to instance B right after the change on A, with no wait.
 */
const redisUrl = await testRedisUrl();

describe.skipIf(!redisUrl)('session validation with two instances', () => {
  let t: TestApp;
  let other: App;
  beforeAll(async () => {
    // Rate limits live in the shared Redis too: generous, so repeated runs do not hit them.
    const env = { REDIS_URL: redisUrl!, RATE_LIMIT_FACTOR: '100' };
    t = await buildTestApp(env);
    other = await buildInstance(t.database, { env });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  /** The same signed-in user, talking to the second instance. */
  const onOther = (actor: Actor | string) => client(other, typeof actor === 'string' ? actor : actor.cookie);

  /** Statements sent to the database while `fn` runs (PGlite or the pg pool, whichever the tests use). */
  async function statementsDuring(fn: () => Promise<unknown>): Promise<number> {
    const target = (t.database.pglite ?? t.database.pool) as unknown as { query: (...a: unknown[]) => unknown };
    const spy = vi.spyOn(target, 'query');
    try {
      await fn();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  async function memberIdOf(admin: Actor, userId: string) {
    const items = (await admin.get('/api/members')).body.data.items as { id: string; userId: string }[];
    return items.find((m) => m.userId === userId)!.id;
  }

  test('a cached session costs no statement; a miss is never cached', async () => {
    const admin = await signupActor(t.app);
    expect(await statementsDuring(async () => expect((await admin.get('/api/auth/session')).status).toBe(200))).toBeLessThanOrEqual(1);
    expect(await statementsDuring(async () => expect((await admin.get('/api/auth/session')).status).toBe(200))).toBe(0);
    const stranger = client(t.app, 'helpstack_session=nope');
    for (let i = 0; i < 2; i++) {
      expect(await statementsDuring(async () => expect((await stranger.get('/api/auth/session')).status).toBe(401))).toBe(1);
    }
  });

  test('logout on one instance is refused on the other at once', async () => {
    const admin = await signupActor(t.app);
    expect((await onOther(admin).get('/api/auth/session')).status).toBe(200);
    expect((await admin.post('/api/auth/logout', {})).status).toBe(200);
    expect((await onOther(admin).get('/api/auth/session')).status).toBe(401);
  });

  test('a rotated session (login with the old cookie) is refused on the other instance at once', async () => {
    const admin = await signupActor(t.app);
    expect((await onOther(admin).get('/api/auth/session')).status).toBe(200);
    const login = await admin.post('/api/auth/login', { email: admin.email, password: admin.password });
    expect(login.status).toBe(200);
    expect((await onOther(admin).get('/api/auth/session')).status).toBe(401);
    expect((await onOther(sessionCookieOf(login)!).get('/api/auth/session')).status).toBe(200);
  });

  test('a role change and a removal apply on the other instance at once', async () => {
    const admin = await signupActor(t.app);
    const agent = await inviteActor(t.app, admin, 'AGENT');
    const memberId = await memberIdOf(admin, agent.userId);
    expect((await onOther(agent).get('/api/auth/session')).body.data.role).toBe('AGENT');

    expect((await admin.patch(`/api/members/${memberId}`, { role: 'VIEWER' })).status).toBe(200);
    expect((await onOther(agent).get('/api/auth/session')).body.data.role).toBe('VIEWER');
    expect((await onOther(agent).post('/api/faqs', { question: 'q?', answer: 'a' })).status).toBe(403);

    expect((await admin.delete(`/api/members/${memberId}`)).status).toBe(200);
    expect((await onOther(agent).get('/api/auth/session')).status).toBe(401);
    expect((await agent.get('/api/conversations')).status).toBe(401);
  });

  test('a password reset signs the user out on both instances at once', async () => {
    const admin = await signupActor(t.app);
    expect((await admin.get('/api/auth/session')).status).toBe(200);
    expect((await onOther(admin).get('/api/auth/session')).status).toBe(200);
    const token = `reset-${Date.now()}-${Math.random()}`;
    await t.app.db.insert(passwordResetTokens).values({ userId: admin.userId, tokenHash: sha256(token), expiresAt: new Date(Date.now() + 3600_000) });
    expect((await onOther(admin).post('/api/auth/reset-password', { token, password: 'a-new-password-123' })).status).toBe(200);
    expect((await admin.get('/api/auth/session')).status).toBe(401);
    expect((await onOther(admin).get('/api/auth/session')).status).toBe(401);
  });

  test('an organization rename shows in the other instance\'s session at once', async () => {
    const admin = await signupActor(t.app);
    expect((await onOther(admin).get('/api/auth/session')).status).toBe(200);
    expect((await admin.patch('/api/organization', { name: 'Renamed Org' })).status).toBe(200);
    expect((await onOther(admin).get('/api/auth/session')).body.data.organization.name).toBe('Renamed Org');
  });

  test('a cached session still expires, and is still extended in the second half of its life', async () => {
    const admin = await signupActor(t.app);
    expect((await onOther(admin).get('/api/auth/session')).status).toBe(200); // cached on B now
    const [row] = await t.app.db.select().from(sessions).where(eq(sessions.userId, admin.userId));
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'], now: start });

    // Four days on (of seven): extended on the request, the cookie re-sent; the next request is cached again.
    vi.setSystemTime(start + 4 * 24 * 3600_000);
    const extended = await onOther(admin).get('/api/auth/session');
    expect(extended.status).toBe(200);
    expect(sessionCookieOf(extended)).toBe(admin.cookie);
    const [after] = await t.app.db.select().from(sessions).where(eq(sessions.id, row!.id));
    expect(after!.expiresAt.getTime()).toBeGreaterThan(row!.expiresAt.getTime());
    expect(await statementsDuring(async () => expect((await onOther(admin).get('/api/auth/session')).status).toBe(200))).toBe(0);

    // Past the extended expiry: refused although B's entry is younger than its TTL, and the row is gone.
    vi.setSystemTime(after!.expiresAt.getTime() + 1000);
    expect((await onOther(admin).get('/api/auth/session')).status).toBe(401);
    expect(await t.app.db.select().from(sessions).where(eq(sessions.id, row!.id))).toEqual([]);
  });
});
