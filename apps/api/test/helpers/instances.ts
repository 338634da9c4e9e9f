// Test-only helpers shared by the realtime and delivery tests (not loaded by the app).
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { buildApp, type App, type BuildOptions } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
import { insertChannel as insertChannelRow } from './fixtures.ts';
import { channels, conversations, customerIdentities, customers, messages } from '../../src/db/schema/index.ts';

type ChannelType = (typeof channels.$inferInsert)['type'];

/** Another instance of the app on an existing database (several instances share one database in production). */
export async function buildInstance(
  database: Database,
  opts: { env?: Record<string, string>; jobs?: BuildOptions['jobs']; beforeReady?: (app: App) => void } = {},
): Promise<App> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/helpstack-test-data', RATE_LIMIT_FACTOR: '100', ...opts.env });
  const app = await buildApp(config, { database, logger: false, jobs: opts.jobs });
  // Before ready: workers start with the app, and must not see a job before its adapter is there.
  opts.beforeReady?.(app);
  await app.ready();
  return app;
}

export async function listen(app: App) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return `ws://127.0.0.1:${port}`;
}

/** The Redis the two-instance tests use: TEST_REDIS_URL, else a local one if it answers; null to skip. */
export async function testRedisUrl(): Promise<string | null> {
  if (process.env.TEST_REDIS_URL) return process.env.TEST_REDIS_URL;
  const url = 'redis://127.0.0.1:6379';
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return url;
  } catch {
    return null;
  } finally {
    probe.disconnect();
  }
}

export interface Frame {
  type: string;
  seq: number;
  data: Record<string, any>;
}

/** A WebSocket client that records every frame and lets a test wait for the ones it expects. */
export class TestSocket {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  readonly ws: WebSocket;

  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()));
      for (const w of this.waiters) w();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Resolves with the first recorded frame matching `predicate`, waiting up to `timeoutMs`. */
  waitFor(predicate: (f: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = this.frames.find(predicate);
        if (!hit) return false;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== onFrame);
        resolve(hit);
        return true;
      };
      const onFrame = () => void check();
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== onFrame);
        reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`));
      }, timeoutMs);
      if (!check()) this.waiters.push(onFrame);
    });
  }

  ready() {
    return this.waitFor((f) => f.type === 'ready');
  }

  /** Event frames (not `ready`) of the given type, in arrival order. */
  events(type?: string) {
    return this.frames.filter((f) => f.type !== 'ready' && (!type || f.type === type));
  }

  send(data: unknown) {
    this.ws.send(typeof data === 'string' || Buffer.isBuffer(data) ? data : JSON.stringify(data));
  }

  async close() {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    await this.closed;
  }
}

export function openSocket(base: string, opts: { cookie?: string; since?: number; origin?: string } = {}): Promise<TestSocket> {
  const url = `${base}/api/realtime${opts.since === undefined ? '' : `?since=${opts.since}`}`;
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = `helpstack_session=${opts.cookie}`;
  if (opts.origin) headers.origin = opts.origin;
  const ws = new WebSocket(url, { headers });
  const socket = new TestSocket(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(socket));
    ws.once('error', reject);
  });
}

/** Status and body of an upgrade the server refused. */
export function refusedUpgrade(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base}${path}`, { headers });
    ws.once('open', () => {
      ws.close();
      reject(new Error('the upgrade was accepted'));
    });
    ws.once('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    ws.once('error', () => {});
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `read` until `done` holds (or times out with the last value in the message). */
export async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(last)}`);
    await sleep(everyMs);
    last = await read();
  }
  return last;
}

// ---- rows, inserted directly: the tests of this area do not depend on the other modules' routes ----

export const insertChannel = (db: Database['db'], organizationId: string, type: ChannelType = 'WEBSITE_CHAT') =>
  insertChannelRow(db, { organizationId, type });

export async function insertConversation(db: Database['db'], organizationId: string, opts: { type?: ChannelType; visitorId?: string } = {}) {
  const channel = await insertChannel(db, organizationId, opts.type);
  const [customer] = await db.insert(customers).values({ organizationId, name: 'Ada Visitor' }).returning();
  if (opts.visitorId) {
    await db.insert(customerIdentities).values({ organizationId, customerId: customer!.id, channelId: channel.id, externalId: opts.visitorId });
  }
  const [conversation] = await db.insert(conversations).values({ organizationId, channelId: channel.id, customerId: customer!.id, subject: 'Help' }).returning();
  return { channel, customer: customer!, conversation: conversation! };
}

export async function insertMessage(
  db: Database['db'],
  conversation: { id: string; organizationId: string },
  values: Partial<typeof messages.$inferInsert> = {},
) {
  const [row] = await db.insert(messages).values({
    organizationId: conversation.organizationId,
    conversationId: conversation.id,
    direction: 'OUTBOUND',
    senderType: 'AGENT',
    content: 'Thanks, here is how to fix it.',
    ...values,
  }).returning();
  return row!;
}
