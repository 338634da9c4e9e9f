import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { ValidationError } from '../../lib/errors.ts';

/**
 * Keyset cursors of the inbox lists (conversations, messages, customers): an opaque base64url of the
 * last row's sort key. The timestamp travels at full (microsecond) precision as UTC text, so a cursor
 * never skips or repeats rows that share a millisecond.
 */
export interface Cursor {
  at: string;
  id: string;
  /** ts_rank of the last row, for search results ordered by relevance first. */
  rank?: string;
  /** The list's `total`, counted once on its first page and carried along so deeper pages need no count. */
  total?: number;
}

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const RANK = /^-?\d+(\.\d+)?(e-?\d+)?$/;

export function encodeCursor(c: Cursor): string {
  const parts: unknown[] = c.rank === undefined ? [c.at, c.id] : [c.at, c.id, c.rank];
  if (c.total !== undefined) parts.push({ total: c.total });
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** The cursor of a query string, or a 400 on `cursor` when it was not one we handed out. */
export function decodeCursor(raw: string, opts: { ranked?: boolean } = {}): Cursor {
  const invalid = () => ValidationError.field('cursor', 'Invalid cursor: pass the nextCursor of the previous page with the same filters');
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parts)) throw invalid();
  const tail = parts.at(-1);
  const carried = tail && typeof tail === 'object' && !Array.isArray(tail) ? (tail as { total?: unknown }).total : undefined;
  if (carried !== undefined) parts = parts.slice(0, -1);
  if (carried !== undefined && (typeof carried !== 'number' || !Number.isInteger(carried) || carried < 0)) throw invalid();
  const keys = parts as unknown[];
  if (keys.length !== (opts.ranked ? 3 : 2)) throw invalid();
  const [at, id, rank] = keys;
  if (typeof at !== 'string' || !AT.test(at) || typeof id !== 'string' || !id || id.length > 100) throw invalid();
  if (opts.ranked && (typeof rank !== 'string' || !RANK.test(rank))) throw invalid();
  const total = carried as number | undefined;
  return { at, id, ...(opts.ranked ? { rank: rank as string } : {}), ...(total === undefined ? {} : { total }) };
}

/** The column as the UTC text a cursor carries (independent of the session's DateStyle and TimeZone). */
export const cursorTime = (column: SQLWrapper) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * `desc nulls last`, exactly as the keyset indexes are declared: a bare `desc` (nulls first) would not
 * match them, and PostgreSQL would sort the whole organization instead of reading the index in order.
 */
export const newestFirst = (column: SQLWrapper): SQL => sql`${column} desc nulls last`;

/** Rows after the cursor in `(at desc, id desc)` order. */
export const beforeCursor = (at: SQLWrapper, id: SQLWrapper, c: Cursor): SQL =>
  sql`(${at}, ${id}) < (${c.at}::timestamptz, ${c.id})`;
