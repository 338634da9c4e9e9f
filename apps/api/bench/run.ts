/**
 * `pnpm bench`: starts the API in this process on PostgreSQL and measures every target of
 * targets.ts with autocannon, relative to the do-nothing /api/bench/hello route at the same number of
 * connections.
 *
 * The inbox targets (GET /api/conversations: default, status=OPEN, search, a cursor ~50k rows deep; 50
 * connections) need the `pnpm bench:seed` organization and run as its admin; without the seed they are
 * skipped with a message. For each of them the run also captures the SQL the request issues, times it
 * with EXPLAIN ANALYZE (median of BENCH_EXPLAIN_RUNS, 5) and prints API time / SQL time, the plans'
 * shape, and a PASS/MISS verdict per budget (a MISS does not fail the run; request errors do).
 *
 * Then `dashboard` (bench/dashboard.ts; needs the seed, `pnpm build` and Chromium): the built dashboard in
 * Chromium, signed in as the seed's admin — login submit → first inbox row, and `j` → the next
 * conversation's messages (median of BENCH_DASHBOARD_PRESSES, 10).
 *
 * Then `inbound` (bench/inbound.ts): 200 visitors' widget messages until the agent's socket has them, p99.
 *
 * Then the webhook figures of bench/webhooks.ts (`webhook-burst` in latest.json): a burst of signed Meta deliveries until all are in the
 * inbox, and how long a job held by a crashed instance waits to be retried.
 *
 * Then the channel figures of bench/channels.ts: 1,000 customer messages over the six channel types until
 * all are stored (≤ 20 s), and a 5,000-mail IMAP mailbox taken over without importing it, new mail in ≤ 5 s.
 *
 * Then the AI figures of bench/ai.ts with a fake provider answering in 500 ms: visitor message → agent
 * socket latency with and without autoTranslate (p99 within 10 %), and a burst of 100 foreign-language
 * messages until all are translated (≤ 15 s).
 *
 * Env: BENCH_DATABASE_URL or DATABASE_URL (default postgres://postgres@127.0.0.1:5432/helpstack_bench,
 * created when missing), BENCH_DURATION seconds per target (5), BENCH_CONNECTIONS (10, the targets
 * without their own), BENCH_WARMUP seconds per target (1), BENCH_ONLY (comma-separated target names;
 * `webhooks` names the webhook figures, `channels` the channel figures, `ai` the AI figures, `inbound` the inbound figure,
 * `dashboard` the dashboard timings:
 * `BENCH_ONLY=webhooks`, `BENCH_ONLY=channels` or `BENCH_ONLY=ai` (or `inbound`) runs only them), BENCH_CHANNEL_MESSAGES
 * (1000) and BENCH_IMAP_EXISTING (5000), and those of bench/webhooks.ts and bench/ai.ts. latest.json is
 * merged into: a run replaces the keys it measured and keeps the others.
 *
 * The load generator shares the server's process and event loop: absolute numbers understate what a
 * separate client would see, the ratios to the baseline are the figures to compare between runs.
 */
import { randomUUID } from 'node:crypto';
import { buildApp, type App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { captureQueries, explainQueries, isConversationsQuery, prepareSeed, type RawSqlTiming } from './inbox.ts';
import { measure, serialLatency, type Measurement, type MeasureOptions } from './measure.ts';
import { DEFAULT_DATABASE_URL, startServer, type BenchServer } from './server.ts';
import { pathOf, targets as allTargets, type BenchContext, type Budget, type Target } from './targets.ts';
import { startFakeProviders } from '../test/helpers/fake-providers.ts';
import { startFakeLlm, type FakeLlm } from '../test/helpers/fake-llm.ts';
import { aiSummary, measureAi, type AiFigures } from './ai.ts';
import { BENCH_META_APP_SECRET, measureWebhooks, webhookSummary, type WebhookFigures } from './webhooks.ts';
import { channelsSummary, measureChannelsInbound, measureImapTakeover, prepareChannels, type ChannelsFigures, type ChannelsSetup } from './channels.ts';
import { inboundSummary, measureInbound, type InboundFigures } from './inbound.ts';
import { dashboardMissing, dashboardSummary, measureDashboard, type DashboardFigures } from './dashboard.ts';

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));

function numberFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number >= ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

async function signUp(baseUrl: string): Promise<string> {
  const id = randomUUID().slice(0, 8);
  const res = await fetch(`${baseUrl}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench-${Date.now()}-${id}@bench.helpstack.test`,
      password: `bench-password-${id}`,
      name: 'Bench User',
      organizationName: `Bench ${id}`,
    }),
  });
  const body = await res.text();
  if (res.status !== 201) throw new Error(`signup answered ${res.status}: ${body.slice(0, 500)}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('helpstack_session='));
  if (!cookie) throw new Error('signup set no helpstack_session cookie');
  return cookie.split(';')[0]!;
}

interface Row extends Measurement {
  /** The hello measurement at the same connections this row is compared with. */
  baseline: string;
  ratio: { requestsPerSec: number | null; p50: number | null; p99: number | null };
}

const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? a / b : null);
const HELLO = '/api/bench/hello';

function withRatios(results: Measurement[]): Row[] {
  return results.map((r) => {
    const base = results.find((b) => b.path === HELLO && b.connections === r.connections) ?? results[0]!;
    return {
      ...r,
      baseline: base.name,
      ratio: {
        requestsPerSec: ratio(r.requestsPerSec, base.requestsPerSec),
        p50: ratio(r.p50Ms, base.p50Ms),
        p99: ratio(r.p99Ms, base.p99Ms),
      },
    };
  });
}

/** Text columns (the first `textColumns`) left-aligned, numbers right-aligned. */
function layout(head: string[], body: string[][], textColumns: number): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < textColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const fmt = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const fmtRatio = (n: number | null) => (n === null || !Number.isFinite(n) ? 'n/a' : `${n.toFixed(2)}x`);

function table(rows: Row[]): string {
  const head = ['target', 'path', 'conns', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'vs', 'req/s ratio', 'p50 ratio', 'p99 ratio'];
  const body = rows.map((r) => [
    r.name,
    `${r.method} ${r.path}`,
    String(r.connections),
    fmt(r.requestsPerSec, 0),
    fmt(r.p50Ms, 2),
    fmt(r.p95Ms, 2),
    fmt(r.p99Ms, 2),
    r.baseline,
    fmtRatio(r.ratio.requestsPerSec),
    fmtRatio(r.ratio.p50),
    fmtRatio(r.ratio.p99),
  ]);
  return layout(head, body, 2);
}

interface SqlRow {
  name: string;
  /** API latencies: p50 under the target's load, and the median of one request at a time. */
  apiP50Ms: number;
  apiSerialMs: number;
  /** One at a time with `cache-control: no-cache`: the page read from the database every time. */
  apiUncachedMs: number;
  sql: RawSqlTiming;
}

const UNCACHED = { 'cache-control': 'no-cache' };

function sqlTable(rows: SqlRow[]): string {
  const head = ['target', 'API p50 ms', 'API 1-conn ms', '1-conn uncached ms', 'raw SQL ms', 'p50 / SQL', '1-conn / SQL', 'uncached / SQL'];
  const body = rows.map((r) => [
    r.name,
    fmt(r.apiP50Ms, 2),
    fmt(r.apiSerialMs, 2),
    fmt(r.apiUncachedMs, 2),
    fmt(r.sql.medianMs, 2),
    fmtRatio(ratio(r.apiP50Ms, r.sql.medianMs)),
    fmtRatio(ratio(r.apiSerialMs, r.sql.medianMs)),
    fmtRatio(ratio(r.apiUncachedMs, r.sql.medianMs)),
  ]);
  return layout(head, body, 1);
}

function plans(rows: SqlRow[]): string {
  const out: string[] = [];
  for (const r of rows) {
    out.push(`  ${r.name}:`);
    for (const q of r.sql.queries) {
      out.push(`    ${q.kind.padEnd(5)} ${fmt(q.planningMs, 2)} ms plan + ${fmt(q.executionMs, 2)} ms exec, buffers hit=${q.buffers.hit} read=${q.buffers.read}: ${q.chain}`);
      for (const w of q.warnings) out.push(`          ! ${w}`);
      if (q.warnings.length) out.push(`          sql: ${q.text}`, `          params: ${JSON.stringify(q.values)}`);
    }
  }
  return out.join('\n');
}

const percentileOf = (m: Measurement, b: Budget) => (b.percentile === 'p50' ? m.p50Ms : b.percentile === 'p95' ? m.p95Ms : m.p99Ms);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

function verdicts(rows: Row[], sqlRows: SqlRow[], targets: Target[]): { lines: string[]; misses: number } {
  const lines: string[] = [];
  let misses = 0;
  for (const t of targets) {
    const m = rows.find((r) => r.name === t.name);
    if (!m || (!t.budget && !t.rawSql && !t.ratio)) continue;
    const parts: string[] = [];
    if (t.ratio) {
      const rps = m.ratio.requestsPerSec;
      const okRps = rps !== null && rps >= t.ratio.minRps;
      if (!okRps) misses++;
      parts.push(`req/s ${fmtRatio(rps)} of ${m.baseline} ≥ ${t.ratio.minRps}x: ${verdict(okRps)}`);
      if (t.ratio.maxP99 !== undefined) {
        const p99 = m.ratio.p99;
        const okP99 = p99 !== null && p99 <= t.ratio.maxP99;
        if (!okP99) misses++;
        parts.push(`p99 ${fmtRatio(p99)} of ${m.baseline}'s ≤ ${t.ratio.maxP99}x: ${verdict(okP99)}`);
      }
    }
    if (t.budget) {
      const v = percentileOf(m, t.budget);
      const ok = v <= t.budget.maxMs; // false for NaN: no response completed
      if (!ok) misses++;
      parts.push(Number.isFinite(v)
        ? `${t.budget.percentile} ${fmt(v, 2)} ms ≤ ${t.budget.maxMs} ms: ${verdict(ok)}`
        : `${t.budget.percentile}: no response completed in ${m.durationSec} s: MISS`);
    }
    const s = sqlRows.find((r) => r.name === t.name);
    if (t.rawSql && s) {
      // Issue 14 judges API time one request at a time; the uncached figure is shown beside it, unjudged.
      const serial = s.apiSerialMs / s.sql.medianMs;
      const okSerial = serial <= t.rawSql.maxRatio; // false for NaN
      if (!okSerial) misses++;
      parts.push(`1-conn / SQL ${fmtRatio(serial)} ≤ ${t.rawSql.maxRatio}x: ${verdict(okSerial)} (uncached ${fmtRatio(s.apiUncachedMs / s.sql.medianMs)})`);
    }
    lines.push(`  ${t.name.padEnd(12)} ${parts.join('; ')}`);
  }
  return { lines, misses };
}

/**
 * Resolves once the pool has had no query running for 100 ms (at most 120 s). Clients the app holds for
 * good (the event bus's LISTEN connection) are checked out when the settler is made and do not count.
 */
function settler(pool: import('pg').Pool) {
  const held = pool.totalCount - pool.idleCount;
  const busy = () => pool.totalCount - pool.idleCount > held || pool.waitingCount > 0;
  return async () => {
    const deadline = Date.now() + 120_000;
    let quietSince = 0;
    while (Date.now() < deadline) {
      if (busy()) quietSince = 0;
      else if (!quietSince) quietSince = Date.now();
      else if (Date.now() - quietSince >= 100) return;
      await new Promise((r) => setTimeout(r, 10));
    }
  };
}

/**
 * The webhook figures with BENCH_WEBHOOK_INSTANCES instances working the queue: the bench server plus
 * more apps on the same database in this process (in production each is its own process).
 */
async function benchWebhooks(server: BenchServer, cookie: string): Promise<WebhookFigures> {
  const deliveries = numberFromEnv('BENCH_WEBHOOKS', 1000, 1);
  const senders = numberFromEnv('BENCH_WEBHOOK_SENDERS', 100, 1);
  const instances = numberFromEnv('BENCH_WEBHOOK_INSTANCES', 2, 1);
  console.log(`\n  webhooks: ${deliveries} deliveries from ${senders} customers, ${instances} instance(s) … `);
  const config = loadConfig({ ...process.env, DATABASE_URL: server.database.pool!.options.connectionString, LOG_LEVEL: 'warn', SEED_DEMO: 'false', RATE_LIMIT_FACTOR: '1000' });
  const others: { app: App; database: Database }[] = [];
  try {
    for (let i = 1; i < instances; i++) {
      const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
      const app = await buildApp(config, { database });
      others.push({ app, database });
      await app.ready();
    }
    return await measureWebhooks({ baseUrl: server.baseUrl, cookie, pool: server.database.pool!, deliveries, senders, instances, crashRetry: process.env.BENCH_WEBHOOK_CRASH !== '0' });
  } finally {
    for (const { app, database } of others) await app.close().finally(() => database.close());
  }
}

async function benchAi(server: BenchServer, cookie: string, llm: FakeLlm, providerDelayMs: number): Promise<AiFigures> {
  const messages = numberFromEnv('BENCH_AI_MESSAGES', 200, 1);
  const concurrency = numberFromEnv('BENCH_AI_CONCURRENCY', 4, 1);
  const burst = numberFromEnv('BENCH_AI_BURST', 100, 1);
  console.log(`\n  ai: ${messages} visitor messages per channel, ${concurrency} at a time, then a burst of ${burst} to translate … `);
  return measureAi({ baseUrl: server.baseUrl, cookie, pool: server.database.pool!, llm, providerDelayMs, messages, concurrency, burst });
}

async function benchChannels(server: BenchServer, cookie: string, setup: ChannelsSetup): Promise<ChannelsFigures> {
  const messages = numberFromEnv('BENCH_CHANNEL_MESSAGES', 1000, 6);
  const existing = numberFromEnv('BENCH_IMAP_EXISTING', 5000, 1);
  const pool = server.database.pool!;
  console.log(`\n  channels: ${messages} messages over six channel types … `);
  const inbound = await measureChannelsInbound({ baseUrl: server.baseUrl, cookie, pool, dovecot: setup.inbound, metaAppSecret: process.env.META_APP_SECRET!, messages });
  console.log(`  channels: a mailbox with ${existing} mails taken over … `);
  const takeover = await measureImapTakeover({ baseUrl: server.baseUrl, cookie, pool, dovecot: setup.takeover, existing });
  return { inbound, takeover };
}

/** Figures measured by their own code rather than as autocannon targets; BENCH_ONLY may name them. */
const FIGURES = ['webhooks', 'channels', 'ai', 'inbound', 'dashboard'];

async function main(): Promise<number> {
  const databaseUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const opts: MeasureOptions = {
    duration: numberFromEnv('BENCH_DURATION', 5, 1),
    connections: numberFromEnv('BENCH_CONNECTIONS', 10, 1),
    warmup: numberFromEnv('BENCH_WARMUP', 1, 0),
  };
  const explainRuns = numberFromEnv('BENCH_EXPLAIN_RUNS', 5, 1);
  const only = (process.env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const runWebhooks = !only.length || only.includes('webhooks');
  const runAi = !only.length || only.includes('ai');
  const runChannels = !only.length || only.includes('channels');
  const runInbound = !only.length || only.includes('inbound');
  const runDashboard = !only.length || only.includes('dashboard');
  const figuresOnly = only.length > 0 && only.every((name) => FIGURES.includes(name));
  // A selection keeps the hello baselines, so ratios stay computable.
  let targets = figuresOnly ? [] : only.length ? allTargets.filter((t) => only.includes(t.name) || t.path === HELLO) : allTargets;
  if (targets.length === 0 && !figuresOnly) throw new Error('bench/targets.ts lists no targets');
  // The deliveries are signed with the app-wide secret (the bench's channel has no appSecret of its own).
  process.env.META_APP_SECRET ||= BENCH_META_APP_SECRET;
  // Connecting the bench's Meta and Telegram channels verifies their tokens: local fakes of the Graph and Bot APIs answer.
  if ((runWebhooks || runChannels) && (!process.env.META_GRAPH_URL || (runChannels && !process.env.TELEGRAM_API_URL))) {
    const fakes = await startFakeProviders();
    process.env.META_GRAPH_URL ||= fakes.graphUrl;
    process.env.TELEGRAM_API_URL ||= fakes.telegramUrl;
  }
  // The channel figures' Dovecot servers, let through the outbound-URL guard like the AI provider below.
  const channelSetup = runChannels ? await prepareChannels() : undefined;
  const channelsMissing = channelSetup && 'missing' in channelSetup ? channelSetup.missing : undefined;
  const channels = channelSetup && !('missing' in channelSetup) ? channelSetup : undefined;
  // The AI figures' provider: a local fake on a port of its own, let through the outbound-URL guard.
  const providerDelayMs = numberFromEnv('BENCH_AI_DELAY_MS', 500, 0);
  const llm = runAi ? await startFakeLlm({ delayMs: providerDelayMs }) : undefined;
  const allow = [...(llm ? [`127.0.0.1:${llm.port}`] : []), ...(channels?.outboundAllow ?? [])];
  const serverEnv: Record<string, string> = allow.length
    ? { OUTBOUND_ALLOW: [process.env.OUTBOUND_ALLOW, ...allow].filter(Boolean).join(',') }
    : {};

  const safeUrl = new URL(databaseUrl);
  if (safeUrl.password) safeUrl.password = '***';
  console.log(`bench: ${targets.length} targets, ${opts.connections} connections (unless the target says otherwise), ${opts.warmup}s warm-up + ${opts.duration}s each, database ${safeUrl}`);

  let server: BenchServer | undefined;
  const results: Measurement[] = [];
  const sqlRows: SqlRow[] = [];
  let seedMissing: string | undefined;
  let webhooks: WebhookFigures | undefined;
  let ai: AiFigures | undefined;
  let channelFigures: ChannelsFigures | undefined;
  let inbound: InboundFigures | undefined;
  let dashboard: DashboardFigures | undefined;
  let dashboardSkipped: string | undefined;
  try {
    server = await startServer(databaseUrl, serverEnv);
    opts.settle = settler(server.database.pool!);
    const ctx: BenchContext = { sessionCookie: await signUp(server.baseUrl) };
    if (targets.some((t) => t.requires === 'seed')) {
      const seed = await prepareSeed(server);
      if ('missing' in seed) {
        seedMissing = seed.missing;
        targets = targets.filter((t) => t.requires !== 'seed' && !(t.path === HELLO && t.connections !== undefined));
        console.log(`\nNOTE: the inbox benchmark needs the bench seed, and ${seed.missing}.\n      Run \`pnpm bench:seed\` (about 2 min) to create it; measuring the base targets only.\n`);
      } else {
        ctx.seed = seed;
        console.log(`  seed: ${seed.conversations} conversations in the bench organization, deep cursor after row ${seed.deepCursorOffset}`);
      }
    }
    for (const target of targets) {
      process.stdout.write(`  ${target.name} (${target.method ?? 'GET'} ${target.label ?? pathOf(target, ctx)}, ${target.connections ?? opts.connections} conns) … `);
      const m = await measure(server.baseUrl, target, ctx, opts);
      results.push(m);
      console.log(`${Math.round(m.requestsPerSec)} req/s`);
    }

    // Raw SQL time, after the load so that EXPLAIN runs on a quiet server.
    const pool = server.database.pool!;
    const sqlTargets = targets.filter((t) => t.rawSql);
    if (sqlTargets.length) console.log(`\n  raw SQL: capturing each request's queries, EXPLAIN ANALYZE × ${explainRuns} …`);
    for (const target of sqlTargets) {
      const m = results.find((r) => r.name === target.name)!;
      const apiSerialMs = await serialLatency(server.baseUrl, target, ctx);
      // The same request read afresh (past the page cache): what a request costs when its page changed.
      const apiUncachedMs = await serialLatency(server.baseUrl, target, ctx, 30, 5, UNCACHED);
      const captured = await captureQueries(pool, async () => {
        await serialLatency(server!.baseUrl, target, ctx, 1, 0, UNCACHED);
      });
      const queries = captured.filter(isConversationsQuery);
      if (!queries.length) throw new Error(`${target.name}: the request ran no conversations query (captured ${captured.length} queries)`);
      sqlRows.push({ name: target.name, apiP50Ms: m.p50Ms, apiSerialMs, apiUncachedMs, sql: await explainQueries(pool, queries, explainRuns) });
    }
    // Before the figures that add conversations and load the queue, on a quiet server.
    if (runDashboard) {
      dashboardSkipped = dashboardMissing();
      if (!dashboardSkipped && !ctx.seed) {
        const seed = await prepareSeed(server);
        if ('missing' in seed) dashboardSkipped = `${seed.missing}; run \`pnpm bench:seed\``;
      }
      if (!dashboardSkipped) {
        const logins = numberFromEnv('BENCH_DASHBOARD_LOGINS', 5, 1);
        const presses = numberFromEnv('BENCH_DASHBOARD_PRESSES', 10, 1);
        console.log(`\n  dashboard: ${logins} logins → first inbox row, ${presses} × j → next conversation's messages (Chromium) … `);
        dashboard = await measureDashboard({ baseUrl: server.baseUrl, logins, presses });
      }
    }
    if (runInbound) {
      const visitors = numberFromEnv('BENCH_INBOUND_VISITORS', 200, 1);
      const messages = numberFromEnv('BENCH_INBOUND_MESSAGES', 5, 2);
      console.log(`\n  inbound: ${visitors} visitors × ${messages} widget messages → agent socket … `);
      inbound = await measureInbound({ baseUrl: server.baseUrl, cookie: ctx.sessionCookie, visitors, messages });
    }
    if (runWebhooks) webhooks = await benchWebhooks(server, ctx.sessionCookie);
    if (channels) channelFigures = await benchChannels(server, ctx.sessionCookie, channels);
    if (llm) ai = await benchAi(server, ctx.sessionCookie, llm, providerDelayMs);
  } finally {
    await server?.close();
    await llm?.close();
    await channels?.close();
  }

  const rows = withRatios(results);
  const baseline = rows[0]?.name ?? null;
  if (rows.length) {
    console.log(`\n${table(rows)}\n`);
    console.log('ratios: against /api/bench/hello at the same number of connections (the `vs` column)\n');
  }
  if (dashboard) console.log(`${dashboardSummary(dashboard)}\n`);
  if (dashboardSkipped) console.log(`NOTE: dashboard figure skipped: ${dashboardSkipped}.\n`);
  if (inbound) console.log(`${inboundSummary(inbound)}\n`);
  if (webhooks) console.log(`${webhookSummary(webhooks)}\n`);
  if (channelFigures) console.log(`${channelsSummary(channelFigures)}\n`);
  if (channelsMissing) console.log(`NOTE: channel figures skipped: ${channelsMissing}.\n`);
  if (ai) console.log(`${aiSummary(ai)}\n`);

  let verdictLines: string[] = [];
  if (sqlRows.length) {
    console.log(`API time vs raw SQL time (SQL: median of ${explainRuns} runs of planning + execution, summed over the request's conversations queries;`);
    console.log(`API p50 is under the target's load, 1-conn is the median of 30 requests one at a time as a client sees them, uncached the same with cache-control: no-cache):\n`);
    console.log(`${sqlTable(sqlRows)}\n`);
    console.log(`plans (median planning/execution per query; outer path of the plan):\n${plans(sqlRows)}\n`);
  }
  const judged = verdicts(rows, sqlRows, targets);
  verdictLines = judged.lines;
  if (verdictLines.length) {
    console.log('verdicts (issue 14 ratios to hello / hello-50; list p99 ≤ 25 ms, search p95 ≤ 100 ms, API time one request at a time ≤ 2× raw SQL time; a MISS does not fail the run):');
    console.log(`${verdictLines.join('\n')}\n`);
  }
  if (seedMissing) console.log(`NOTE: inbox targets skipped: ${seedMissing}. Run \`pnpm bench:seed\` first.\n`);

  await mkdir(resultsDir, { recursive: true });
  const file = new URL('./latest.json', new URL('./results/', import.meta.url));
  const measured = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    database: safeUrl.toString(),
    options: opts,
    baseline,
    results: rows,
    seedMissing: seedMissing ?? null,
    rawSql: sqlRows.map((r) => ({
      name: r.name,
      apiP50Ms: r.apiP50Ms,
      apiSerialMs: r.apiSerialMs,
      sqlMs: r.sql.medianMs,
      sqlRunsMs: r.sql.runs,
      queries: r.sql.queries.map(({ plan, ...q }) => ({ ...q, plan })),
    })),
    verdicts: verdictLines.map((l) => l.trim()),
    webhooks: webhooks ?? null,
    ai: ai ?? null,
    inbound: inbound ?? null,
    dashboard: dashboard ?? null,
    // Issue 14's figures by name, next to the autocannon targets in `results`.
    figures: [
      ...(inbound ? [{ name: 'inbound', visitors: inbound.visitors, p50Ms: inbound.latency.p50Ms, p95Ms: inbound.latency.p95Ms, p99Ms: inbound.latency.p99Ms, firstMessageP99Ms: inbound.first.p99Ms }] : []),
      ...(dashboard ? [{ name: 'dashboard', loginToFirstRowMs: dashboard.loginToFirstRow.medianMs, firstLoginToFirstRowMs: dashboard.loginToFirstRow.firstMs, nextToMessagesMs: dashboard.nextToMessages.medianMs, nextToMessagesP95Ms: dashboard.nextToMessages.p95Ms }] : []),
      ...(webhooks ? [{ name: 'webhook-burst', deliveries: webhooks.deliveries, seconds: webhooks.inboxMs / 1000, acknowledgedSeconds: webhooks.acknowledgedMs / 1000 }] : []),
    ],
  };
  // Merged into what earlier runs wrote: a run replaces what it measured and keeps the rest.
  const previous = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as Record<string, unknown>;
  const named = {
    ...(webhooks ? { webhooks } : {}),
    ...(ai ? { ai } : {}),
    ...(inbound ? { inbound } : {}),
    ...(dashboard ? { dashboard } : {}),
    ...(channelFigures ? { 'channels-inbound': channelFigures.inbound, 'imap-takeover': channelFigures.takeover } : {}),
  };
  // Named figures of earlier runs stay unless this run measured them again.
  const earlier = Array.isArray(previous.figures) ? (previous.figures as { name: string }[]) : [];
  const figures = [...earlier.filter((f) => !measured.figures.some((m) => m.name === f.name)), ...measured.figures];
  const merged = figuresOnly ? { ...previous, ...named, figures, date: measured.date } : { ...previous, ...measured, ...named, figures };
  await writeFile(file, `${JSON.stringify(merged, null, 2)}\n`);
  console.log(`results written to ${fileURLToPath(file)}`);

  const failed = rows.filter((r) => r.errors > 0 || r.timeouts > 0 || r.non2xx > 0);
  for (const r of failed) {
    console.error(`FAIL ${r.name}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx (status codes ${JSON.stringify(r.statusCodes)})`);
  }
  return failed.length ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (err) {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
}
