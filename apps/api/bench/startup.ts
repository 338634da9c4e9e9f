/**
 * `pnpm bench:startup`: wall time from spawning the API (`node dist/main.mjs`, as `pnpm start` runs it after
 * `pnpm build`; `node src/main.ts` when nothing is built) until
 * GET /api/health answers 200, in three situations:
 *   first start   a fresh, empty DATA_DIR (embedded PGlite): creates the database, migrates, seeds the demo
 *   restart       the same DATA_DIR again
 *   postgres      DATABASE_URL of an already migrated (and demo-seeded) PostgreSQL database
 * Each STARTUP_RUNS times (3); prints min / median, the server's own "HelpStack ready … in N ms" figure,
 * and a PASS/MISS verdict on the median (first start ≤ 4 s, restart ≤ 1.5 s, PostgreSQL ≤ 1 s; a MISS
 * does not fail the run). Every server is stopped with SIGTERM and must exit 0 within 5 s, otherwise
 * it is killed and the run fails.
 *
 * Env: STARTUP_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/helpstack_startup, created and
 * migrated when missing), STARTUP_RUNS (3).
 */
import { existsSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/client.ts';
import { median } from './measure.ts';
import { ensureDatabase } from './server.ts';

/** What `pnpm start` runs: the bundle when built, else the source. */
const serverArgs = existsSync(new URL('../dist/server.mjs', import.meta.url))
  ? ['dist/server.mjs']
  : ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', 'src/main.ts'];

const apiDir = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_STARTUP_URL = 'postgres://postgres@127.0.0.1:5432/helpstack_startup';
const HEALTH_TIMEOUT_MS = 60_000;
const EXIT_TIMEOUT_MS = 5_000;

type Scenario = 'first start' | 'restart' | 'postgres';
const BUDGET_MS: Record<Scenario, number> = { 'first start': 4000, restart: 1500, postgres: 1000 };

interface StartResult {
  /** Spawn → first 200 from /api/health. */
  wallMs: number;
  /** N of the server's "HelpStack ready on … in N ms" log line (from its own process start). */
  readyMs: number | null;
  driver: string | null;
  /** SIGTERM → exit. */
  stopMs: number;
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Starts the server with `env`, waits for /api/health, then stops it with SIGTERM. */
async function startOnce(env: Record<string, string | undefined>): Promise<StartResult> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'development' };
  delete childEnv.DATABASE_URL; // only what the scenario sets
  delete childEnv.SEED_DEMO; // the default: a first start seeds the demo organization
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete childEnv[k];
    else childEnv[k] = v;
  }

  const started = performance.now();
  const child = spawn(process.execPath, serverArgs, {
    cwd: apiDir,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let readyMs: number | null = null;
  let driver: string | null = null;
  let buffered = '';
  const onData = (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      output.push(line);
      const m = /HelpStack ready on (\w+) in (\d+) ms/.exec(line);
      if (m) {
        driver = m[1]!;
        readyMs = Number(m[2]);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exit = exited(child);

  try {
    let wallMs: number | null = null;
    const url = `http://127.0.0.1:${port}/api/health`;
    while (performance.now() - started < HEALTH_TIMEOUT_MS) {
      if (child.exitCode !== null || child.signalCode !== null) break;
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        if (res.status === 200) {
          wallMs = performance.now() - started;
          break;
        }
      } catch {
        // not listening yet
      }
      await sleep(5);
    }
    if (wallMs === null) {
      throw new Error(`the server did not answer /api/health with 200 within ${((performance.now() - started) / 1000).toFixed(1)} s (exit code ${child.exitCode}, signal ${child.signalCode}); output:\n${output.slice(-30).join('\n')}`);
    }
    // The ready line follows listen(); give it a moment to arrive.
    for (let i = 0; i < 100 && readyMs === null; i++) await sleep(10);

    const stopping = performance.now();
    child.kill('SIGTERM');
    const result = await Promise.race([exit, sleep(EXIT_TIMEOUT_MS).then(() => null)]);
    const stopMs = performance.now() - stopping;
    if (!result) {
      child.kill('SIGKILL');
      await exit;
      throw new Error(`the server did not exit within ${EXIT_TIMEOUT_MS / 1000} s of SIGTERM (killed); output:\n${output.slice(-30).join('\n')}`);
    }
    if (result.code !== 0) {
      throw new Error(`the server exited with ${result.code ?? result.signal} after SIGTERM, not 0; output:\n${output.slice(-30).join('\n')}`);
    }
    return { wallMs, readyMs, driver, stopMs, exitCode: result.code, exitSignal: result.signal };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exit;
    }
  }
}

function numberFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

/** Creates and migrates the PostgreSQL database, then starts the server once (demo seed, pg-boss schema). */
async function preparePostgres(databaseUrl: string): Promise<number> {
  const started = performance.now();
  await ensureDatabase(databaseUrl);
  const database = await openDatabase({ databaseUrl, dataDir: path.join(tmpdir(), 'unused') });
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
  await startOnce({ DATABASE_URL: databaseUrl });
  return performance.now() - started;
}

async function main(): Promise<number> {
  const runs = numberFromEnv('STARTUP_RUNS', 3, 1);
  const databaseUrl = process.env.STARTUP_DATABASE_URL || DEFAULT_STARTUP_URL;
  const safeUrl = new URL(databaseUrl);
  if (safeUrl.password) safeUrl.password = '***';
  console.log(`bench:startup: ${runs} runs each; spawn → GET /api/health 200 (node ${process.version}, ${process.platform}-${process.arch})`);

  const results: Record<Scenario, StartResult[]> = { 'first start': [], restart: [], postgres: [] };
  const dirs: string[] = [];
  const line = (s: Scenario, i: number, r: StartResult) =>
    console.log(`  ${s.padEnd(11)} #${i + 1}: ${r.wallMs.toFixed(0).padStart(5)} ms to healthy; server says ready in ${r.readyMs ?? '?'} ms on ${r.driver ?? '?'}; SIGTERM → exit ${r.exitCode} in ${r.stopMs.toFixed(0)} ms`);
  try {
    for (let i = 0; i < runs; i++) {
      const dir = await mkdtemp(path.join(tmpdir(), 'helpstack-startup-'));
      dirs.push(dir);
      const first = await startOnce({ DATA_DIR: dir, DATABASE_URL: undefined });
      results['first start'].push(first);
      line('first start', i, first);
      const again = await startOnce({ DATA_DIR: dir, DATABASE_URL: undefined });
      results.restart.push(again);
      line('restart', i, again);
    }
    const prepMs = await preparePostgres(databaseUrl);
    console.log(`  postgres: ${safeUrl} migrated and started once to prepare (${prepMs.toFixed(0)} ms, not measured)`);
    for (let i = 0; i < runs; i++) {
      const r = await startOnce({ DATABASE_URL: databaseUrl });
      results.postgres.push(r);
      line('postgres', i, r);
    }
  } finally {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  }

  // The server's figure starts at main.ts's first statement, after every static import has been loaded
  // (and type-stripped): spawn → healthy minus it is mostly module loading.
  const head = ['scenario', 'min ms', 'median ms', 'server "ready in" min / median ms', 'before main.ts median ms', 'budget', 'verdict (median)'];
  const body = (Object.keys(results) as Scenario[]).map((s) => {
    const wall = results[s].map((r) => r.wallMs);
    const ready = results[s].map((r) => r.readyMs).filter((n): n is number => n !== null);
    const med = median(wall);
    return [
      s,
      Math.min(...wall).toFixed(0),
      med.toFixed(0),
      ready.length ? `${Math.min(...ready)} / ${median(ready).toFixed(0)}` : 'n/a',
      ready.length === results[s].length ? median(results[s].map((r) => r.wallMs - r.readyMs!)).toFixed(0) : 'n/a',
      `≤ ${BUDGET_MS[s]} ms`,
      med <= BUDGET_MS[s] ? 'PASS' : 'MISS',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const fmtLine = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${[fmtLine(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(fmtLine)].join('\n')}\n`);
  console.log('all servers exited 0 within 5 s of SIGTERM');
  return 0;
}

try {
  process.exitCode = await main();
} catch (err) {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
}
