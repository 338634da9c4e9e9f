import { afterAll, describe, expect, test } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';

// CONTRACT §5/§7: X-Forwarded-* is believed only from the proxies in TRUST_PROXY. The login limit
// (10/min per IP+email) is the observable: a believed header changes the key, an ignored one does not.
const apps: TestApp[] = [];
afterAll(() => Promise.all(apps.map((a) => a.close())));

async function appWith(env: Record<string, string>) {
  const t = await buildTestApp(env);
  apps.push(t);
  return t;
}

function login(t: TestApp, email: string, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, headers, payload: { email, password: 'wrong-password' } });
}

/** Ten refused logins for `email`, then the status of the eleventh. */
async function eleventh(t: TestApp, email: string, headersOf: (i: number) => Record<string, string>, remoteAddress?: string) {
  for (let i = 0; i < 10; i++) expect((await login(t, email, headersOf(i), remoteAddress)).statusCode).toBe(401);
  return (await login(t, email, headersOf(10), remoteAddress)).statusCode;
}

describe('TRUST_PROXY', () => {
  test('NODE_ENV=production without TRUST_PROXY: a changing X-Forwarded-For does not reset the login limit', async () => {
    const t = await appWith({ NODE_ENV: 'production' });
    expect(await eleventh(t, 'prod@example.com', (i) => ({ 'x-forwarded-for': `203.0.113.${i + 1}` }))).toBe(429);
  });

  test('TRUST_PROXY=127.0.0.1: the forwarded address from that proxy is the client; from anyone else it is ignored', async () => {
    const t = await appWith({ TRUST_PROXY: '127.0.0.1' });
    expect(await eleventh(t, 'proxied@example.com', () => ({ 'x-forwarded-for': '203.0.113.7' }))).toBe(429);
    // Another client behind the same proxy has its own budget.
    expect((await login(t, 'proxied@example.com', { 'x-forwarded-for': '203.0.113.8' })).statusCode).toBe(401);
    // Not from the trusted proxy: the header is ignored, the socket address is the key.
    expect(await eleventh(t, 'direct@example.com', (i) => ({ 'x-forwarded-for': `198.51.100.${i + 1}` }), '192.0.2.50')).toBe(429);
  });

  test('TRUST_PROXY=1: one hop is believed, so entries an attacker prepends are ignored', async () => {
    const t = await appWith({ TRUST_PROXY: '1' });
    expect(await eleventh(t, 'hop@example.com', (i) => ({ 'x-forwarded-for': `10.9.9.${i + 1}, 203.0.113.20` }))).toBe(429);
    expect((await login(t, 'hop@example.com', { 'x-forwarded-for': '203.0.113.21' })).statusCode).toBe(401);
  });

  test('X-Forwarded-Proto/-Host count for the CSRF origin check only from a trusted proxy', async () => {
    const trusted = await appWith({ TRUST_PROXY: '127.0.0.1' });
    const signup = (t: TestApp) => t.app.inject({ method: 'POST', url: '/api/auth/signup', payload: { email: `p-${Date.now()}-${Math.random()}@example.com`, password: 'long-enough-password', name: 'P', organizationName: 'P' } });
    const cookieOf = (res: Awaited<ReturnType<typeof signup>>) => String(res.headers['set-cookie']).split(';')[0]!;
    const forwarded = { origin: 'https://support.example.com', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'support.example.com' };
    const logout = (t: TestApp, cookie: string, remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/logout', remoteAddress, headers: { cookie, ...forwarded } });
    expect((await logout(trusted, cookieOf(await signup(trusted)), '127.0.0.1')).statusCode).toBe(200);
    expect((await logout(trusted, cookieOf(await signup(trusted)), '192.0.2.60')).statusCode).toBe(403);
  });

  test('the session cookie is Secure when a trusted proxy forwards HTTPS, not when anyone else claims it', async () => {
    const t = await appWith({ TRUST_PROXY: '10.0.0.0/8' });
    const signup = (remoteAddress: string) => t.app.inject({
      method: 'POST', url: '/api/auth/signup', remoteAddress, headers: { 'x-forwarded-proto': 'https' },
      payload: { email: `s-${Date.now()}-${Math.random()}@example.com`, password: 'long-enough-password', name: 'S', organizationName: 'S' },
    });
    expect(String((await signup('10.1.2.3')).headers['set-cookie'])).toMatch(/;\s*Secure/i);
    expect(String((await signup('192.0.2.70')).headers['set-cookie'])).not.toMatch(/Secure/i);
  });
});
