import { DrizzleQueryError } from 'drizzle-orm';
import { stdSerializers } from 'pino';
import { sqlState } from './errors.ts';

/**
 * A failed query, as the log may hold it: the statement and what PostgreSQL said about it (SQLSTATE,
 * constraint…), never the bound values (password hashes, message texts, e-mails). Drizzle puts the
 * values in `params`, in its message and so in its stack; the driver's `detail` and message may quote
 * them too ('Key (email)=(…) already exists'), so neither is kept.
 */
function failedQuery(err: DrizzleQueryError) {
  const cause = (err.cause ?? {}) as { constraint?: string; table?: string; column?: string; routine?: string };
  const code = sqlState(err);
  const message = `Failed query${code ? ` (SQLSTATE ${code})` : ''}: ${err.query}`;
  const frames = err.stack?.split('\n').filter((line) => line.startsWith('    at ')) ?? [];
  return {
    type: 'DrizzleQueryError',
    message,
    stack: [`DrizzleQueryError: ${message}`, ...frames].join('\n'),
    query: err.query,
    sqlState: code,
    constraint: cause.constraint,
    table: cause.table,
    column: cause.column,
    routine: cause.routine,
  };
}

function failedQueryIn(err: unknown): DrizzleQueryError | undefined {
  for (let at = err, depth = 0; at && depth < 10; at = (at as { cause?: unknown }).cause, depth++) {
    if (at instanceof DrizzleQueryError) return at;
  }
  return undefined;
}

/** pino's `err` serializer, except that a failed query anywhere in the cause chain loses its values. */
export function errSerializer(err: unknown) {
  const query = failedQueryIn(err);
  if (!query) return stdSerializers.err(err as Error);
  if (query === err) return failedQuery(query);
  const e = err as Error;
  return { type: e.constructor?.name ?? 'Error', message: e.message, stack: e.stack ?? '', cause: failedQuery(query) };
}
