import type { Role } from '@helpstack/contracts';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
import { createTestDatabase } from './database.ts';
import { sharedFakeProviders } from './fake-providers.ts';

export interface TestApp {
  app: App;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

/** The real app on its own fresh database. Logs go nowhere unless `logger` is given. */
export async function buildTestApp(env: Record<string, string> = {}, opts: { logger?: Parameters<typeof buildApp>[1]['logger'] } = {}): Promise<TestApp> {
  // Provider calls (channel ownership checks) go to a local fake, never to the real Graph / Telegram APIs.
  const fake = await sharedFakeProviders();
  const config = loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/helpstack-test-data',
    META_GRAPH_URL: fake.graphUrl, TELEGRAM_API_URL: fake.telegramUrl, ...env,
  });
  const database = await createTestDatabase();
  const app = await buildApp(config, { database, logger: opts.logger ?? false });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export interface Res<T = any> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
}

const wrap = (raw: LightMyRequestResponse): Res => {
  let body: unknown;
  try {
    body = raw.body ? JSON.parse(raw.body) : undefined;
  } catch {
    body = raw.body;
  }
  return { status: raw.statusCode, body, headers: raw.headers, raw };
};

/** The helpstack_session value a response set, if any. */
export function sessionCookieOf(res: Res): string | undefined {
  const set = res.headers['set-cookie'];
  const list = Array.isArray(set) ? set : set ? [set] : [];
  const hit = list.map(String).find((c) => c.startsWith('helpstack_session='));
  const value = hit?.split(';')[0]!.split('=')[1];
  return value || undefined;
}

/** An HTTP client bound to one cookie (or none): `as.get('/api/x')`, `as.post('/api/x', body)`. */
export function client(app: App, cookie?: string) {
  const call = async (method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}) =>
    wrap(
      await app.inject({
        method,
        url,
        headers: { ...(cookie ? { cookie: `helpstack_session=${cookie}` } : {}), ...headers },
        ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
      }),
    );
  return {
    cookie,
    get: (url: string, headers?: Record<string, string>) => call('GET', url, undefined, headers),
    delete: (url: string, headers?: Record<string, string>) => call('DELETE', url, undefined, headers),
    post: (url: string, body?: unknown, headers?: Record<string, string>) => call('POST', url, body, headers),
    patch: (url: string, body?: unknown, headers?: Record<string, string>) => call('PATCH', url, body, headers),
    put: (url: string, body?: unknown, headers?: Record<string, string>) => call('PUT', url, body, headers),
  };
}
export type Client = ReturnType<typeof client>;

export interface Actor extends Client {
  role: Role;
  email: string;
  password: string;
  userId: string;
  organizationId: string;
}

let seq = 0;
const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function signupActor(app: App, label = 'admin'): Promise<Actor> {
  const email = `${label}-${unique()}@example.com`;
  const password = 'correct-horse-battery';
  const res = wrap(await app.inject({ method: 'POST', url: '/api/auth/signup', payload: { email, password, name: `Test ${label}`, organizationName: `Org ${label}` } }));
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = sessionCookieOf(res)!;
  return { ...client(app, cookie), role: 'ADMIN', email, password, userId: res.body.data.user.id, organizationId: res.body.data.organization.id };
}

export async function inviteActor(app: App, admin: Actor, role: Role): Promise<Actor> {
  const email = `${role.toLowerCase()}-${unique()}@example.com`;
  const password = 'correct-horse-battery';
  const inv = await admin.post('/api/invitations', { email, role });
  if (inv.status !== 201) throw new Error(`invite failed: ${inv.status} ${JSON.stringify(inv.body)}`);
  const res = wrap(await app.inject({ method: 'POST', url: '/api/auth/accept-invite', payload: { token: inv.body.data.token, name: `Test ${role}`, password } }));
  if (res.status !== 201) throw new Error(`accept failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...client(app, sessionCookieOf(res)!), role, email, password, userId: res.body.data.user.id, organizationId: admin.organizationId };
}

export type Org = Record<Role, Actor>;

/**
 * Two organizations with an ADMIN, AGENT and VIEWER each — the cross-tenant pattern every module
 * tests: create as A, then ask as B and expect 404.
 */
export async function twoOrganizations(app: App): Promise<{ A: Org; B: Org; anon: Client }> {
  const org = async (): Promise<Org> => {
    const ADMIN = await signupActor(app);
    const [AGENT, VIEWER] = await Promise.all([inviteActor(app, ADMIN, 'AGENT'), inviteActor(app, ADMIN, 'VIEWER')]);
    return { ADMIN, AGENT, VIEWER };
  };
  const [A, B] = await Promise.all([org(), org()]);
  return { A, B, anon: client(app) };
}

/** Asserts the error envelope shape; returns the error for further checks. */
export function errorOf(res: Res) {
  if (res.body?.success !== false || typeof res.body?.error?.message !== 'string' || typeof res.body?.error?.code !== 'string') {
    throw new Error(`expected an error envelope, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.error as { message: string; code: string; fields?: Record<string, string[]> };
}
