/**
 * What `pnpm bench` measures. Add a route by appending an entry. Every target is compared with the
 * `hello` baseline measured at the same number of connections (a route doing no work, so a ratio shows
 * what the route itself costs): `hello` at the default connections, `hello-50` for the inbox targets.
 */
import { RARE_WORD, SEARCH_WORD } from './seed-identity.ts';

/** The seeded benchmark organization (`pnpm bench:seed`), when it exists. */
export interface SeedContext {
  /** `helpstack_session=…` of BENCH_EMAIL, logged in. */
  sessionCookie: string;
  organizationId: string;
  conversations: number;
  /** The cursor of the row `deepCursorOffset` rows into the list order, encoded as the API does. */
  deepCursor: string;
  deepCursorOffset: number;
}

/** Whatever the runner prepared before measuring, for targets that need it. */
export interface BenchContext {
  /** `helpstack_session=…` of a freshly signed-up bench user (ADMIN of their own organization). */
  sessionCookie: string;
  /** Absent when the database has not been seeded with `pnpm bench:seed`. */
  seed?: SeedContext;
}

/** A latency budget the target is judged on (printed PASS/MISS; a MISS does not fail the run). */
export interface Budget {
  percentile: 'p50' | 'p95' | 'p99';
  maxMs: number;
}

export interface Target {
  name: string;
  /** A path, or one built from the context (e.g. a cursor read from the database). */
  path: string | ((ctx: BenchContext) => string);
  /** How the path is printed, when it is long or built from the context. */
  label?: string;
  /** Defaults to GET. */
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Static headers, or headers built from the context (e.g. the session cookie). */
  headers?: Record<string, string> | ((ctx: BenchContext) => Record<string, string>);
  /** Request body, sent as JSON. */
  body?: unknown;
  /** Connections for this target; defaults to BENCH_CONNECTIONS. */
  connections?: number;
  /** Seconds before a request counts as timed out (an error); autocannon's default is 10. */
  timeoutSec?: number;
  /** `seed`: needs the `pnpm bench:seed` organization; skipped (with a message) without it. */
  requires?: 'seed';
  /** Judged against this latency budget. */
  budget?: Budget;
  /** Also time the SQL the request runs (EXPLAIN ANALYZE) and judge API time ≤ `maxRatio` × SQL time. */
  rawSql?: { maxRatio: number };
  /**
   * Issue 14's targets, relative to the hello baseline at the same connections: req/s ≥ `minRps` × its
   * req/s, and p99 ≤ `maxP99` × its p99.
   */
  ratio?: { minRps: number; maxP99?: number };
}

/** The inbox targets run at this many connections (issue requirement). */
export const INBOX_CONNECTIONS = 50;

const seeded = (ctx: BenchContext): SeedContext => {
  if (!ctx.seed) throw new Error('this target needs the bench seed (pnpm bench:seed)');
  return ctx.seed;
};
const asBenchAdmin = (ctx: BenchContext) => ({ cookie: seeded(ctx).sessionCookie });
// 50 connections queue behind a slow query: a long wait is a latency to report, not an error.
const inbox = { connections: INBOX_CONNECTIONS, timeoutSec: 60, requires: 'seed' as const, headers: asBenchAdmin, rawSql: { maxRatio: 2 } };
const listBudget: Budget = { percentile: 'p99', maxMs: 25 };
const listRatio = { minRps: 0.2, maxP99: 15 };

export const targets: Target[] = [
  { name: 'hello', path: '/api/bench/hello' },
  { name: 'health', path: '/api/health' },
  { name: 'session', path: '/api/auth/session', headers: (ctx) => ({ cookie: ctx.sessionCookie }), ratio: { minRps: 0.35 } },
  // Baseline of the inbox targets: the same do-nothing route at their concurrency.
  { name: 'hello-50', path: '/api/bench/hello', connections: INBOX_CONNECTIONS },
  { ...inbox, name: 'list', path: '/api/conversations', budget: listBudget, ratio: listRatio },
  { ...inbox, name: 'list-open', path: '/api/conversations?status=OPEN', budget: listBudget, ratio: listRatio },
  // A word in ~30 % of the conversations (walks the recency index) and one in 0.05 % (the GIN index).
  { ...inbox, name: 'search', path: `/api/conversations?search=${encodeURIComponent(SEARCH_WORD)}`, budget: { percentile: 'p95', maxMs: 100 }, ratio: { minRps: 0.05 } },
  { ...inbox, name: 'search-rare', path: `/api/conversations?search=${encodeURIComponent(RARE_WORD)}`, budget: { percentile: 'p95', maxMs: 100 }, ratio: { minRps: 0.1 } },
  {
    ...inbox,
    name: 'deep-cursor',
    path: (ctx) => `/api/conversations?cursor=${encodeURIComponent(seeded(ctx).deepCursor)}`,
    label: '/api/conversations?cursor=<~50k rows deep>',
    budget: listBudget,
    ratio: listRatio,
  },
];

export const pathOf = (target: Target, ctx: BenchContext): string => (typeof target.path === 'function' ? target.path(ctx) : target.path);
