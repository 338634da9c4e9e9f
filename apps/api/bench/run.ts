/**
 * `pnpm bench`: starts the API in this process on PostgreSQL and measures every target of
 * targets.ts with autocannon, relative to the first (the do-nothing /api/bench/hello route).
 *
 * Env: BENCH_DATABASE_URL or DATABASE_URL (default postgres://postgres@127.0.0.1:5432/helpstack_bench,
 * created when missing), BENCH_DURATION seconds per target (5), BENCH_CONNECTIONS (10),
 * BENCH_WARMUP seconds per target (1).
 *
 * The load generator shares the server's process and event loop: absolute numbers understate what a
 * separate client would see, the ratios to the baseline are the figures to compare between runs.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { measure, type Measurement, type MeasureOptions } from './measure.ts';
import { DEFAULT_DATABASE_URL, startServer, type BenchServer } from './server.ts';
import { targets, type BenchContext } from './targets.ts';

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
  ratio: { requestsPerSec: number | null; p50: number | null; p99: number | null };
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

function withRatios(results: Measurement[]): Row[] {
  const base = results[0]!;
  return results.map((r) => ({
    ...r,
    ratio: {
      requestsPerSec: ratio(r.requestsPerSec, base.requestsPerSec),
      p50: ratio(r.p50Ms, base.p50Ms),
      p99: ratio(r.p99Ms, base.p99Ms),
    },
  }));
}

function table(rows: Row[], baseline: string): string {
  const fmt = (n: number, digits: number) => n.toFixed(digits);
  const fmtRatio = (n: number | null) => (n === null ? 'n/a' : `${n.toFixed(2)}x`);
  const head = ['target', 'path', 'req/s', 'p50 ms', 'p99 ms', `req/s vs ${baseline}`, `p50 vs ${baseline}`, `p99 vs ${baseline}`];
  const body = rows.map((r) => [
    r.name,
    `${r.method} ${r.path}`,
    fmt(r.requestsPerSec, 0),
    fmt(r.p50Ms, 2),
    fmt(r.p99Ms, 2),
    fmtRatio(r.ratio.requestsPerSec),
    fmtRatio(r.ratio.p50),
    fmtRatio(r.ratio.p99),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  // Text columns left-aligned, numbers right-aligned.
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

async function main(): Promise<number> {
  const databaseUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const opts: MeasureOptions = {
    duration: numberFromEnv('BENCH_DURATION', 5, 1),
    connections: numberFromEnv('BENCH_CONNECTIONS', 10, 1),
    warmup: numberFromEnv('BENCH_WARMUP', 1, 0),
  };
  if (targets.length === 0) throw new Error('bench/targets.ts lists no targets');

  const safeUrl = new URL(databaseUrl);
  if (safeUrl.password) safeUrl.password = '***';
  console.log(`bench: ${targets.length} targets, ${opts.connections} connections, ${opts.warmup}s warm-up + ${opts.duration}s each, database ${safeUrl}`);

  let server: BenchServer | undefined;
  const results: Measurement[] = [];
  try {
    server = await startServer(databaseUrl);
    const ctx: BenchContext = { sessionCookie: await signUp(server.baseUrl) };
    for (const target of targets) {
      process.stdout.write(`  ${target.name} (${target.method ?? 'GET'} ${target.path}) … `);
      const m = await measure(server.baseUrl, target, ctx, opts);
      results.push(m);
      console.log(`${Math.round(m.requestsPerSec)} req/s`);
    }
  } finally {
    await server?.close();
  }

  const rows = withRatios(results);
  const baseline = rows[0]!.name;
  console.log(`\n${table(rows, baseline)}\n`);

  await mkdir(resultsDir, { recursive: true });
  const file = new URL('./latest.json', new URL('./results/', import.meta.url));
  await writeFile(file, `${JSON.stringify({
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    database: safeUrl.toString(),
    options: opts,
    baseline,
    results: rows,
  }, null, 2)}\n`);
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
