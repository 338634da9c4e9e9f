import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { buildTestApp, client, errorOf, sessionCookieOf, signupActor, type TestApp } from '../../../test/helpers/app.ts';
import { rows } from '../../../test/helpers/database.ts';

// Counts argon2 work, to prove a limited login never reaches it.
const passwordChecks = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../lib/password.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/password.ts')>();
  return {
    ...real,
    verifyPassword: async (...args: Parameters<typeof real.verifyPassword>) => {
      passwordChecks.count++;
      return real.verifyPassword(...args);
    },
  };
});

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const anon = () => client(t.app);
const body = (over: Record<string, unknown> = {}) => ({
  email: `u-${Math.random().toString(36).slice(2)}@example.com`,
  password: 'long-enough-password',
  name: 'Ada',
  organizationName: 'Analytical Engines',
  ...over,
});

describe('signup', () => {
  test('201 with user, organization, ADMIN role and an HttpOnly SameSite=Lax session cookie; no hash anywhere', async () => {
    const res = await anon().post('/api/auth/signup', body({ email: 'Ada@Example.com' }));
    expect(res.status).toBe(201);
    expect(res.body.data.role).toBe('ADMIN');
    expect(res.body.data.user).toEqual({ id: expect.any(String), email: 'ada@example.com', name: 'Ada' });
    expect(res.body.data.organization).toMatchObject({ name: 'Analytical Engines', plan: 'FREE', tokenBalance: 10000 });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^helpstack_session=\w+/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(res.raw.body).not.toMatch(/argon2|passwordHash|long-enough-password/);
  });

  test('400 VALIDATION_ERROR with dotted fields for a bad email and a short password', async () => {
    const res = await anon().post('/api/auth/signup', body({ email: 'nope', password: 'abc' }));
    expect(res.status).toBe(400);
    const err = errorOf(res);
    expect(err.code).toBe('VALIDATION_ERROR');
    expect(err.fields?.email?.[0]).toBeTypeOf('string');
    expect(err.fields?.password?.[0]).toMatch(/8/);
  });

  test('unknown fields and wrong types are 400, never 500', async () => {
    const unknown = await anon().post('/api/auth/signup', body({ isAdmin: true }));
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).fields).toHaveProperty('isAdmin');
    const wrongType = await anon().post('/api/auth/signup', body({ name: 42 }));
    expect(wrongType.status).toBe(400);
    expect(errorOf(wrongType).fields).toHaveProperty('name');
    const noBody = await anon().post('/api/auth/signup');
    expect(noBody.status).toBe(400);
  });

  test('409 when the email exists, and nothing else is created', async () => {
    const b = body();
    expect((await anon().post('/api/auth/signup', b)).status).toBe(201);
    const [before] = await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from organizations`);
    const res = await anon().post('/api/auth/signup', { ...b, email: b.email.toUpperCase() });
    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe('CONFLICT');
    const [after] = await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from organizations`);
    expect(after!.n).toBe(before!.n);
  });

  test('passwords are stored as argon2id with at least 19 MiB, t=2, p=1', async () => {
    const b = body();
    await anon().post('/api/auth/signup', b);
    const found = await rows<{ password_hash: string }>(t.database.db, sql`select password_hash from users where email = ${b.email}`);
    expect(found[0]!.password_hash).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=2,p=1\$/);
    expect(Number(/m=(\d+)/.exec(found[0]!.password_hash)![1])).toBeGreaterThanOrEqual(19456);
  });
});

describe('login, session, logout', () => {
  test('login rotates the session: a new cookie, and the old session is gone', async () => {
    const admin = await signupActor(t.app);
    const res = await admin.post('/api/auth/login', { email: admin.email, password: admin.password });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ role: 'ADMIN', user: { email: admin.email }, organization: { id: admin.organizationId } });
    const fresh = sessionCookieOf(res)!;
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(admin.cookie);
    expect((await admin.get('/api/auth/session')).status).toBe(401);
    expect((await client(t.app, fresh).get('/api/auth/session')).status).toBe(200);
  });

  test('401 with the same message for an unknown email and a wrong password', async () => {
    const admin = await signupActor(t.app);
    const wrong = await anon().post('/api/auth/login', { email: admin.email, password: 'wrong-password' });
    const unknown = await anon().post('/api/auth/login', { email: 'nobody@example.com', password: 'wrong-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(errorOf(wrong).message).toBe(errorOf(unknown).message);
  });

  test('logout deletes the session server-side and clears the cookie; a replayed cookie gets 401', async () => {
    const admin = await signupActor(t.app);
    expect((await admin.get('/api/auth/session')).status).toBe(200);
    const res = await admin.post('/api/auth/logout');
    expect(res.status).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/helpstack_session=;.*Max-Age=0/i);
    const replay = await admin.get('/api/auth/session');
    expect(replay.status).toBe(401);
    expect(errorOf(replay).code).toBe('UNAUTHORIZED');
  });

  test('a session older than 30 days is refused even if recently used', async () => {
    const admin = await signupActor(t.app);
    await t.database.db.execute(sql`update sessions set created_at = now() - interval '31 days' where id = ${sha256(admin.cookie!)}`);
    expect((await admin.get('/api/auth/session')).status).toBe(401);
  });

  test('a session idle past its 7-day expiry is refused; a half-spent one is refreshed', async () => {
    const idle = await signupActor(t.app);
    await t.database.db.execute(sql`update sessions set expires_at = now() - interval '1 minute' where id = ${sha256(idle.cookie!)}`);
    expect((await idle.get('/api/auth/session')).status).toBe(401);

    const active = await signupActor(t.app);
    await t.database.db.execute(sql`update sessions set expires_at = now() + interval '2 days' where id = ${sha256(active.cookie!)}`);
    const res = await active.get('/api/auth/session');
    expect(res.status).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/helpstack_session=/);
    const found = await rows(t.database.db, sql`select expires_at > now() + interval '6 days' as extended from sessions where id = ${sha256(active.cookie!)}`);
    expect(found[0]).toEqual({ extended: true });
  });
});

describe('sessions are stored hashed', () => {
  test('the cookie is a random token; the sessions table holds only its SHA-256', async () => {
    const admin = await signupActor(t.app);
    const res = await anon().post('/api/auth/login', { email: admin.email, password: admin.password });
    const token = sessionCookieOf(res)!;
    const byToken = await rows(t.database.db, sql`select id from sessions where id = ${token}`);
    expect(byToken).toEqual([]);
    const byHash = await rows(t.database.db, sql`select id from sessions where id = ${sha256(token)}`);
    expect(byHash).toHaveLength(1);
    expect((await client(t.app, token).get('/api/auth/session')).status).toBe(200);
  });

  test('a stored id (a read-only leak of the table) replayed as a cookie gets 401', async () => {
    const admin = await signupActor(t.app);
    const stored = await rows<{ id: string }>(t.database.db, sql`select id from sessions where id = ${sha256(admin.cookie!)}`);
    const replay = await client(t.app, stored[0]!.id).get('/api/auth/session');
    expect(replay.status).toBe(401);
    expect(errorOf(replay).code).toBe('UNAUTHORIZED');
  });

  test('logout deletes the hashed row', async () => {
    const admin = await signupActor(t.app);
    expect((await admin.post('/api/auth/logout')).status).toBe(200);
    expect(await rows(t.database.db, sql`select id from sessions where id = ${sha256(admin.cookie!)}`)).toEqual([]);
  });
});

describe('CSRF', () => {
  test('a cookie-carrying POST from a foreign Origin is 403; same origin, APP_ORIGIN and no Origin pass', async () => {
    const admin = await signupActor(t.app);
    const invite = () => ({ email: `c-${Math.random()}@example.com`.replace('0.', ''), role: 'AGENT' });
    const evil = await admin.post('/api/invitations', invite(), { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(errorOf(evil).code).toBe('FORBIDDEN');
    expect((await admin.post('/api/invitations', invite())).status).toBe(201);
    expect((await admin.post('/api/invitations', invite(), { origin: 'http://localhost:80', host: 'localhost:80' })).status).toBe(201);
  });

  test('a cookie-carrying write with Sec-Fetch-Site: cross-site and no Origin is 403; same-origin, same-site, none and absent pass', async () => {
    const admin = await signupActor(t.app);
    const invite = () => ({ email: `s-${Math.random()}@example.com`.replace('0.', ''), role: 'AGENT' });
    const cross = await admin.post('/api/invitations', invite(), { 'sec-fetch-site': 'cross-site' });
    expect(cross.status).toBe(403);
    expect(errorOf(cross).code).toBe('FORBIDDEN');
    expect((await admin.delete('/api/members/anything', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    for (const site of ['same-origin', 'same-site', 'none']) {
      expect((await admin.post('/api/invitations', invite(), { 'sec-fetch-site': site })).status, site).toBe(201);
    }
    // Without the cookie there is nothing to forge: a public route stays reachable.
    expect((await anon().post('/api/auth/login', { email: 'nobody@example.com', password: 'x' }, { 'sec-fetch-site': 'cross-site' })).status).toBe(401);
  });

  test('configured APP_ORIGIN values are trusted', async () => {
    const other = await buildTestApp({ APP_ORIGIN: 'https://app.example.com, https://admin.example.com' });
    try {
      const admin = await signupActor(other.app);
      const res = await admin.post('/api/invitations', { email: 'x1@example.com', role: 'AGENT' }, { origin: 'https://admin.example.com' });
      expect(res.status).toBe(201);
    } finally {
      await other.close();
    }
  });
});

describe('rate limits', () => {
  test('login: 10 attempts per IP+email per minute, then 429 with retry-after; another email is unaffected', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 11; i++) {
      last = await anon().post('/api/auth/login', { email: 'target@example.com', password: `bad-${i}` });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(errorOf(last!).code).toBe('RATE_LIMITED');
    expect(last!.headers['retry-after']).toBeDefined();
    expect(last!.headers['x-ratelimit-limit']).toBe('10');
    const other = await anon().post('/api/auth/login', { email: 'someone-else@example.com', password: 'bad' });
    expect(other.status).toBe(401);
  });

  test('login: at most 30 attempts per IP across emails (password spraying), refused before any password hashing', async () => {
    const spray = (i: number) => t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '198.51.100.30', payload: { email: `spray-${i}@example.com`, password: 'Summer2026!' } });
    for (let i = 0; i < 30; i++) expect((await spray(i)).statusCode).toBe(401);
    const before = passwordChecks.count;
    const limited = await spray(30);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.headers['x-ratelimit-limit']).toBe('30');
    expect(passwordChecks.count).toBe(before);
    // Another address is unaffected.
    const other = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '198.51.100.31', payload: { email: 'spray-0@example.com', password: 'x' } });
    expect(other.statusCode).toBe(401);
  });
});
