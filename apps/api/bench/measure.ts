import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { pathOf, type BenchContext, type Target } from './targets.ts';

export interface MeasureOptions {
  /** Seconds of measurement per target. */
  duration: number;
  connections: number;
  /** Seconds of warm-up per target before measuring; 0 skips it. */
  warmup: number;
  /**
   * Waits until the server has finished the requests still in flight when a run stopped (autocannon
   * does not wait for them), so that they do not load the next run.
   */
  settle?: () => Promise<void>;
}

export interface Measurement {
  name: string;
  method: string;
  /** As printed (the target's label, or its path). */
  path: string;
  connections: number;
  /** Mean of the per-second request counts, as autocannon reports it. */
  requestsPerSec: number;
  /**
   * Latency percentiles in ms with sub-millisecond precision (autocannon's own histogram has 1 ms steps);
   * NaN (null in JSON) when no response completed during the measurement.
   */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Responses counted (2xx and otherwise), warm-up excluded. */
  requests: number;
  durationSec: number;
  /** Failures, warm-up included: connection errors, timeouts, non-2xx responses. Any of them fails the run. */
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

function requestOf(target: Target, ctx: BenchContext) {
  const headers: Record<string, string> = typeof target.headers === 'function' ? target.headers(ctx) : { ...target.headers };
  let body: string | undefined;
  if (target.body !== undefined) {
    body = JSON.stringify(target.body);
    headers['content-type'] ??= 'application/json';
  }
  return { method: target.method ?? 'GET', headers, body };
}

/** Runs autocannon (it prints nothing unless asked to) and records every response's latency in ns. */
function run(opts: autocannon.Options, latencyNs?: RecordableHistogram): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
    if (latencyNs) {
      instance.on('response', (_client, _status, _bytes, responseTimeMs) => {
        latencyNs.record(Math.max(1, Math.round(responseTimeMs * 1e6)));
      });
    }
  });
}

const nsToMs = (ns: number) => ns / 1e6;

function statusCodesOf(result: autocannon.Result): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) out[code] = stat.count ?? 0;
  return out;
}

/**
 * One request first, so that a broken target fails with its status and body instead of thousands of
 * non-2xx responses; then the warm-up, then the measured run.
 */
export async function measure(baseUrl: string, target: Target, ctx: BenchContext, opts: MeasureOptions): Promise<Measurement> {
  const req = requestOf(target, ctx);
  const path = pathOf(target, ctx);
  const url = new URL(path, baseUrl).toString();
  const connections = target.connections ?? opts.connections;

  const probe = await fetch(url, { method: req.method, headers: req.headers, body: req.body });
  const probeBody = await probe.text();
  if (probe.status < 200 || probe.status >= 300) {
    throw new Error(`${target.name}: ${req.method} ${path} answered ${probe.status}: ${probeBody.slice(0, 500)}`);
  }

  const base = { url, ...req, connections, ...(target.timeoutSec ? { timeout: target.timeoutSec } : {}) };
  let warmErrors = 0;
  let warmTimeouts = 0;
  let warmNon2xx = 0;
  if (opts.warmup > 0) {
    const warm = await run({ ...base, duration: opts.warmup });
    warmErrors = warm.errors;
    warmTimeouts = warm.timeouts;
    warmNon2xx = warm.non2xx;
    await opts.settle?.();
  }

  const latencyNs = createHistogram({ figures: 3 });
  const result = await run({ ...base, duration: opts.duration }, latencyNs);
  await opts.settle?.();
  const pct = (p: number) => (latencyNs.count > 0 ? nsToMs(latencyNs.percentile(p)) : NaN);
  return {
    name: target.name,
    method: req.method,
    path: target.label ?? path,
    connections,
    requestsPerSec: result.requests.average,
    p50Ms: pct(50),
    p95Ms: pct(95),
    p99Ms: pct(99),
    requests: result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'],
    durationSec: result.duration,
    errors: result.errors + warmErrors,
    timeouts: result.timeouts + warmTimeouts,
    non2xx: result.non2xx + warmNon2xx,
    statusCodes: statusCodesOf(result),
  };
}

/**
 * The latency of one request at a time (no queueing behind other connections): `count` sequential
 * requests after a few unmeasured ones, median in ms. What a single user waits for, to compare with the
 * SQL time the same request spends in the database. `extraHeaders`: e.g. `cache-control: no-cache`, which
 * makes the API read a list afresh instead of from its page cache.
 */
export async function serialLatency(baseUrl: string, target: Target, ctx: BenchContext, count = 30, warmup = 5, extraHeaders: Record<string, string> = {}): Promise<number> {
  const req = requestOf(target, ctx);
  Object.assign(req.headers, extraHeaders);
  const url = new URL(pathOf(target, ctx), baseUrl).toString();
  const times: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const started = performance.now();
    const res = await fetch(url, { method: req.method, headers: req.headers, body: req.body });
    await res.arrayBuffer();
    const ms = performance.now() - started;
    if (res.status < 200 || res.status >= 300) throw new Error(`${target.name}: ${req.method} ${url} answered ${res.status}`);
    if (i >= warmup) times.push(ms);
  }
  return median(times);
}

export function median(values: number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
