/**
 * `node --experimental-strip-types bench/explain.ts`: the plans of the inbox's hot queries on the bench
 * seed, EXPLAIN (ANALYZE, BUFFERS) of exactly the SQL the API issues (captured through drizzle's
 * logger) — the figures of docs/PERFORMANCE.md. PostgreSQL at BENCH_DATABASE_URL, or, with
 * BENCH_PGLITE_DIR=<dir>, an embedded database seeded by `BENCH_PGLITE_DIR=<dir> pnpm bench:seed`.
 */
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { Logger } from 'drizzle-orm/logger';
import { openDatabase, type Db } from '../src/db/client.ts';
import * as schema from '../src/db/schema/index.ts';
import { listConversations } from '../src/modules/conversations/queries.ts';
import { prefixQuery } from '../src/modules/conversations/search.ts';
import { DEFAULT_DATABASE_URL } from './server.ts';
import { BENCH_EMAIL, RARE_WORD, SEARCH_WORD } from './seed-identity.ts';

const pgliteDir = process.env.BENCH_PGLITE_DIR;
const database = pgliteDir
  ? await openDatabase({ dataDir: pgliteDir })
  : await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL ?? DEFAULT_DATABASE_URL, dataDir: '' });
await database.migrate();
const raw = async (text: string, values: unknown[] = []): Promise<Record<string, unknown>[]> =>
  database.pglite ? (await database.pglite.query<Record<string, unknown>>(text, values)).rows : (await database.pool!.query(text, values)).rows;

const captured: { text: string; values: unknown[] }[] = [];
const logger: Logger = { logQuery: (text, values) => void captured.push({ text, values }) };
const db = (database.pglite ? drizzlePglite({ client: database.pglite, schema, logger }) : drizzlePg({ client: database.pool!, schema, logger })) as unknown as Db;

const [org] = await raw('select m.organization_id as id from users u join memberships m on m.user_id = u.id where u.email = $1', [BENCH_EMAIL]);
if (!org) throw new Error(`no bench seed (${BENCH_EMAIL})`);
const organizationId = org.id as string;
console.log(`# ${pgliteDir ? `PGlite ${pgliteDir}` : 'PostgreSQL'}: ${(await raw('select version() as v'))[0]!.v}`);
console.log(`# ${(await raw('select count(*)::int as n from conversations where organization_id = $1', [organizationId]))[0]!.n} conversations in the bench organization`);

const cases: [string, Parameters<typeof listConversations>[1]['filters'], string | null][] = [
  ['list', {}, null],
  ['list-open', { status: 'OPEN' }, null],
  ['list language=de (no counter: capped count)', { language: 'de' }, null],
  [`search "${SEARCH_WORD}" (~30 %)`, {}, SEARCH_WORD],
  [`search "${RARE_WORD}" (0.05 %)`, {}, RARE_WORD],
  [`search "${SEARCH_WORD}" status=CLOSED`, { status: 'CLOSED' }, SEARCH_WORD],
  ['search "the" (most common word)', {}, 'the'],
];
for (const [name, filters, word] of cases) {
  captured.length = 0;
  await listConversations(db, { organizationId, filters, query: word ? prefixQuery(word) : null, limit: 20, offset: 0 });
  const queries = [...captured];
  console.log(`\n=== ${name}`);
  for (const q of queries) {
    for (let i = 0; i < 2; i++) await raw(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values); // warm the cache
    const plan = await raw(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values);
    console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
  }
}
await database.close();
