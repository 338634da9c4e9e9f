import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { BenchContext, Target } from './targets.ts';

export interface MeasureOptions {
  /** Seconds of measurement per target. */
  duration: number;
  connections: number;
  /** Seconds of warm-up per target before measuring; 0 skips it. */
  warmup: number;
}

export interface Measurement {
  name: string;
  method: string;
  path: string;
  /** Mean of the per-second request counts, as autocannon reports it. */
  requestsPerSec: number;
  /** Latency percentiles in ms with sub-millisecond precision (autocannon's own histogram has 1 ms steps). */
  p50Ms: number;
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
  const url = new URL(target.path, baseUrl).toString();

  const probe = await fetch(url, { method: req.method, headers: req.headers, body: req.body });
  const probeBody = await probe.text();
  if (probe.status < 200 || probe.status >= 300) {
    throw new Error(`${target.name}: ${req.method} ${target.path} answered ${probe.status}: ${probeBody.slice(0, 500)}`);
  }

  const base = { url, ...req, connections: opts.connections };
  let warmErrors = 0;
  let warmTimeouts = 0;
  let warmNon2xx = 0;
  if (opts.warmup > 0) {
    const warm = await run({ ...base, duration: opts.warmup });
    warmErrors = warm.errors;
    warmTimeouts = warm.timeouts;
    warmNon2xx = warm.non2xx;
  }

  const latencyNs = createHistogram({ figures: 3 });
  const result = await run({ ...base, duration: opts.duration }, latencyNs);
  return {
    name: target.name,
    method: req.method,
    path: target.path,
    requestsPerSec: result.requests.average,
    p50Ms: nsToMs(latencyNs.percentile(50)),
    p99Ms: nsToMs(latencyNs.percentile(99)),
    requests: result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'],
    durationSec: result.duration,
    errors: result.errors + warmErrors,
    timeouts: result.timeouts + warmTimeouts,
    non2xx: result.non2xx + warmNon2xx,
    statusCodes: statusCodesOf(result),
  };
}
