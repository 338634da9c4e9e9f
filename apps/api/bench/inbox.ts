/**
 * The inbox part of `pnpm bench`: finds the `pnpm bench:seed` organization, logs in as its admin,
 * builds a deep cursor, and times the SQL a list request runs (EXPLAIN ANALYZE of exactly the queries
 * and parameters the API issued) so that API time can be compared with database time.
 *
 * The query capture wraps `pool.query` of the in-process server for the duration of one request only:
 * bench instrumentation, nothing in src/ knows about it.
 */
import { and, eq } from 'drizzle-orm';
import type pg from 'pg';
import { conversations } from '../src/db/schema/index.ts';
import { cursorTime, encodeCursor, newestFirst } from '../src/modules/conversations/cursor.ts';
import { median } from './measure.ts';
import { BENCH_EMAIL, BENCH_PASSWORD } from './seed-identity.ts';
import type { BenchServer } from './server.ts';
import type { SeedContext } from './targets.ts';

/** How deep the `deep-cursor` target starts (rows skipped), capped at half the organization. */
export const DEEP_CURSOR_ROWS = 50_000;

/** The seeded organization, logged in, or why it cannot be used. */
export async function prepareSeed(server: BenchServer): Promise<SeedContext | { missing: string }> {
  const pool = server.database.pool!;
  const found = await pool.query<{ organization_id: string; n: number }>(
    `select m.organization_id, (select count(*) from conversations c where c.organization_id = m.organization_id)::int as n
       from users u join memberships m on m.user_id = u.id
      where u.email = $1
      order by n desc limit 1`,
    [BENCH_EMAIL],
  );
  const row = found.rows[0];
  if (!row) return { missing: `no user ${BENCH_EMAIL} in the database` };
  if (row.n === 0) return { missing: `the organization of ${BENCH_EMAIL} has no conversations` };

  const res = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: BENCH_EMAIL, password: BENCH_PASSWORD }),
  });
  const body = await res.text();
  if (res.status !== 200) return { missing: `login as ${BENCH_EMAIL} answered ${res.status}: ${body.slice(0, 300)}` };
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('helpstack_session='));
  if (!cookie) throw new Error('login set no helpstack_session cookie');

  // The last row of the page before: the API then answers rows deepCursorOffset+1 … onwards.
  const deepCursorOffset = Math.min(DEEP_CURSOR_ROWS, Math.floor(row.n / 2));
  const [last] = await server.database.db
    .select({ at: cursorTime(conversations.lastMessageAt), id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.organizationId, row.organization_id)))
    .orderBy(newestFirst(conversations.lastMessageAt), newestFirst(conversations.id))
    .limit(1)
    .offset(deepCursorOffset - 1);
  if (!last) throw new Error(`no conversation at offset ${deepCursorOffset - 1}`);

  return {
    sessionCookie: cookie.split(';')[0]!,
    organizationId: row.organization_id,
    conversations: row.n,
    deepCursor: encodeCursor({ at: last.at, id: last.id }),
    deepCursorOffset,
  };
}

export interface CapturedQuery {
  text: string;
  values: unknown[];
}

/** Every query issued through `pool.query` while `fn` runs (run it when nothing else is in flight). */
export async function captureQueries(pool: pg.Pool, fn: () => Promise<void>): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const original = pool.query;
  const wrapped = function (this: pg.Pool, ...args: unknown[]) {
    const [first, second] = args;
    const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text;
    const values = Array.isArray(second) ? second : ((first as { values?: unknown[] } | undefined)?.values ?? []);
    if (typeof text === 'string') captured.push({ text, values: [...values] });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  (pool as unknown as { query: unknown }).query = wrapped;
  try {
    await fn();
  } finally {
    delete (pool as unknown as { query?: unknown }).query; // back to the prototype's method
    if (pool.query !== original) (pool as unknown as { query: unknown }).query = original;
  }
  return captured;
}

/** The conversation list's own queries (not the session lookup that precedes them). */
export const isConversationsQuery = (q: CapturedQuery) => /\bfrom\s+"conversations"/i.test(q.text);
export const kindOf = (q: CapturedQuery) => (/^\s*select\s+count\(/i.test(q.text) ? 'count' : 'page');

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Sort Key'?: string[];
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Sort Method'?: string;
  'Workers Launched'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

const describe = (n: PlanNode) =>
  `${n['Node Type']}${n['Index Name'] ? ` using ${n['Index Name']}` : ''}${n['Relation Name'] ? ` on ${n['Relation Name']}` : ''}${n['Sort Key'] ? ` (${n['Sort Key'].join(', ')})` : ''}`;

/** The outer path from the root to its first leaf, e.g. "Limit → Nested Loop Left Join → Index Scan using … on conversations". */
export function planChain(plan: PlanNode): string {
  const chain: string[] = [];
  for (let n: PlanNode | undefined = plan; n; n = n.Plans?.[0]) chain.push(describe(n));
  return chain.join(' → ');
}

/** Rows a node produced over all its loops (a parallel worker's node reports its per-loop average). */
const rowsOf = (n: PlanNode | undefined) => (n?.['Actual Rows'] === undefined ? '?' : String(Math.round(n['Actual Rows'] * (n['Actual Loops'] ?? 1))));

/** Nodes worth flagging on a list query: sorts and sequential scans of conversations. */
export function planWarnings(plan: PlanNode): string[] {
  const out: string[] = [];
  const walk = (n: PlanNode) => {
    if (n['Node Type'] === 'Sort') {
      out.push(`${n['Node Type']}${n['Sort Method'] ? ` (${n['Sort Method']})` : ''} of ${rowsOf(n.Plans?.[0])} rows from ${n.Plans?.[0] ? describe(n.Plans[0]) : '?'}, to answer ${rowsOf(n)}`);
    }
    if (n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'conversations') out.push(`${describe(n)} (${rowsOf(n)} rows)`);
    n.Plans?.forEach(walk);
  };
  walk(plan);
  return out;
}

export interface ExplainedQuery extends CapturedQuery {
  kind: 'page' | 'count';
  planningMs: number;
  executionMs: number;
  chain: string;
  warnings: string[];
  buffers: { hit: number; read: number };
  plan: PlanNode;
}

export interface RawSqlTiming {
  /** Median over the runs of the request's summed (planning + execution) time. */
  medianMs: number;
  runs: number[];
  queries: ExplainedQuery[];
}

/** EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of each query `runs` times, in the order the API issued them. */
export async function explainQueries(pool: pg.Pool, queries: CapturedQuery[], runs = 5): Promise<RawSqlTiming> {
  const sums: number[] = [];
  const perQuery = queries.map(() => ({ planning: [] as number[], execution: [] as number[], plan: undefined as PlanNode | undefined }));
  for (let r = 0; r < runs; r++) {
    let sum = 0;
    for (const [i, q] of queries.entries()) {
      const res = await pool.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.text}`, q.values);
      const raw = res.rows[0]['QUERY PLAN'];
      const out = (typeof raw === 'string' ? JSON.parse(raw) : raw)[0] as { Plan: PlanNode; 'Planning Time': number; 'Execution Time': number };
      perQuery[i]!.planning.push(out['Planning Time']);
      perQuery[i]!.execution.push(out['Execution Time']);
      perQuery[i]!.plan = out.Plan;
      sum += out['Planning Time'] + out['Execution Time'];
    }
    sums.push(sum);
  }
  return {
    medianMs: median(sums),
    runs: sums,
    queries: queries.map((q, i) => {
      const { planning, execution, plan } = perQuery[i]!;
      return {
        ...q,
        kind: kindOf(q),
        planningMs: median(planning),
        executionMs: median(execution),
        chain: planChain(plan!),
        warnings: planWarnings(plan!),
        buffers: { hit: plan!['Shared Hit Blocks'] ?? 0, read: plan!['Shared Read Blocks'] ?? 0 },
        plan: plan!,
      };
    }),
  };
}
