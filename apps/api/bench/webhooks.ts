/**
 * Webhook throughput (`pnpm bench`, after the HTTP targets): a burst of signed Facebook deliveries is
 * posted as Meta would — each acknowledged at once, processed by the job queue — and timed until every
 * message is in the inbox; then one job is taken by an instance that dies holding it (fetched, never
 * finished, no heartbeats) and timed until a live instance has retried it into the inbox.
 *
 * Env: BENCH_WEBHOOKS (deliveries, 1000), BENCH_WEBHOOK_SENDERS (distinct customers, 100),
 * BENCH_WEBHOOK_INSTANCES (app instances working the queue on the same database, 2), BENCH_WEBHOOK_CRASH
 * (`0` skips the crash-retry figure).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { PgBoss } from 'pg-boss';
import type { Pool } from 'pg';
import { META_QUEUE } from '../src/modules/channels/providers/meta/inbound.ts';
import { splitDelivery } from '../src/modules/channels/providers/meta/payload.ts';
import type { MetaJob } from '../src/modules/channels/providers/meta/routing.ts';

export const BENCH_META_APP_SECRET = 'bench-meta-app-secret';

export interface WebhookFigures {
  deliveries: number;
  senders: number;
  instances: number;
  /** From the first POST to the last 200. */
  acknowledgedMs: number;
  /** From the first POST until every message is in the inbox. */
  inboxMs: number;
  acknowledgedPerSec: number;
  inboxPerSec: number;
  /** From the crashed instance taking the job until the message is in the inbox; null when not measured. */
  crashRetryMs: number | null;
}

/**
 * The one place the bench connects a Facebook page. Once channel creation verifies the token with the
 * Graph API (CONTRACT §10), point META_GRAPH_URL at a fake that answers `GET /me` with this page id.
 */
export async function createFacebookChannel(baseUrl: string, cookie: string, pageId: string): Promise<{ id: string }> {
  const res = await fetch(`${baseUrl}/api/channels`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ type: 'FACEBOOK', name: `Bench page ${pageId}`, credentials: { pageId, accessToken: `bench-token-${pageId}` } /* the Graph fake's token shape: owner id after the last '-' */ }),
  });
  const body = (await res.json()) as { data?: { id: string } };
  if (res.status !== 201 || !body.data) throw new Error(`creating the Facebook channel answered ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return body.data;
}

const sign = (raw: string) => `sha256=${createHmac('sha256', BENCH_META_APP_SECRET).update(raw).digest('hex')}`;

/** One Messenger delivery carrying one customer message, as Meta sends it. */
function delivery(pageId: string, senderId: string, mid: string, text: string) {
  return JSON.stringify({
    object: 'page',
    entry: [{ id: pageId, time: Date.now(), messaging: [{ sender: { id: senderId }, recipient: { id: pageId }, timestamp: Date.now(), message: { mid, text } }] }],
  });
}

async function post(baseUrl: string, raw: string) {
  const res = await fetch(`${baseUrl}/api/webhooks/facebook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw) },
    body: raw,
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
}

async function inboxCount(pool: Pool, channelId: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `select count(*) as n from messages m join conversations c on c.id = m.conversation_id where c.channel_id = $1 and m.direction = 'INBOUND'`,
    [channelId],
  );
  return Number(rows[0]!.n);
}

async function waitForInbox(pool: Pool, channelId: string, expected: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let n = 0;
  while (Date.now() < deadline) {
    n = await inboxCount(pool, channelId);
    if (n >= expected) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`only ${n} of ${expected} messages reached the inbox within ${timeoutMs / 1000} s`);
}

export async function measureWebhooks(opts: {
  baseUrl: string;
  cookie: string;
  pool: Pool;
  deliveries: number;
  senders: number;
  instances: number;
  /** Concurrent POSTs (Meta sends in parallel). */
  connections?: number;
  crashRetry: boolean;
}): Promise<WebhookFigures> {
  const pageId = String(10 ** 14 + (randomBytes(4).readUInt32BE() % 10 ** 9));
  const channel = await createFacebookChannel(opts.baseUrl, opts.cookie, pageId);
  const run = randomBytes(4).toString('hex');
  const bodies = Array.from({ length: opts.deliveries }, (_, i) =>
    delivery(pageId, `bench-${run}-psid-${i % opts.senders}`, `m_${run}_${i}`, `Burst message ${i}`));

  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: opts.connections ?? 20 }, async () => {
    while (next < bodies.length) await post(opts.baseUrl, bodies[next++]!);
  }));
  const acknowledgedMs = performance.now() - started;
  await waitForInbox(opts.pool, channel.id, opts.deliveries, 300_000);
  const inboxMs = performance.now() - started;

  const crashRetryMs = opts.crashRetry ? await measureCrashRetry(opts.pool, channel.id, pageId, run) : null;
  return {
    deliveries: opts.deliveries,
    senders: opts.senders,
    instances: opts.instances,
    acknowledgedMs,
    inboxMs,
    acknowledgedPerSec: (opts.deliveries / acknowledgedMs) * 1000,
    inboxPerSec: (opts.deliveries / inboxMs) * 1000,
    crashRetryMs,
  };
}

/**
 * An instance that takes a delivery job and dies: a pg-boss of its own on the same database fetches the
 * job (it is then active, owned by nobody alive) and stops without finishing it or sending heartbeats.
 * The job is queued with a far start time so that only the fetch below (ignoring it) can take it.
 */
async function measureCrashRetry(pool: Pool, channelId: string, pageId: string, run: string): Promise<number> {
  const before = await inboxCount(pool, channelId);
  const doomed = new PgBoss({ db: { executeSql: (text, values) => pool.query(text, values as unknown[] | undefined) }, schedule: false, supervise: false, migrate: false });
  doomed.on('error', () => {});
  await doomed.start();
  const raw = delivery(pageId, `bench-${run}-crash`, `m_${run}_crash`, 'Taken by an instance that crashed');
  // The job as the webhook route queues it: entries already routed to their channel (modules/channels/providers/meta/routing.ts).
  const routed: MetaJob = { provider: 'facebook', entries: splitDelivery('facebook', JSON.parse(raw)).map((e) => ({ channelId, ...e })) };
  const id = await doomed.send(META_QUEUE, routed, { startAfter: 3600, priority: 100 });
  const [job] = await doomed.fetch(META_QUEUE, { ignoreStartAfter: true, minPriority: 100 });
  if (!job || job.id !== id) throw new Error('the crashing instance did not get its job');
  const crashed = performance.now();
  await doomed.stop({ graceful: false });
  await waitForInbox(pool, channelId, before + 1, 600_000);
  return performance.now() - crashed;
}

export function webhookSummary(f: WebhookFigures): string {
  return [
    `webhooks: ${f.deliveries} signed Facebook deliveries from ${f.senders} customers, ${f.instances} instance(s) working the queue`,
    `  acknowledged (all 200)   ${(f.acknowledgedMs / 1000).toFixed(2)} s  (${f.acknowledgedPerSec.toFixed(0)}/s)`,
    `  all in the inbox         ${(f.inboxMs / 1000).toFixed(2)} s  (${f.inboxPerSec.toFixed(0)}/s)  budget ≤ 20 s: ${f.inboxMs <= 20_000 ? 'PASS' : 'MISS'}`,
    f.crashRetryMs === null
      ? '  crash retry              not measured'
      : `  crash retry              ${(f.crashRetryMs / 1000).toFixed(2)} s from the crash to the inbox  budget ≤ 30 s: ${f.crashRetryMs <= 30_000 ? 'PASS' : 'MISS'}`,
  ].join('\n');
}
