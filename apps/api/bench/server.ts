import { buildApp, type App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import pg from 'pg';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/helpstack_bench';

export interface BenchServer {
  app: App;
  database: Database;
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  close(): Promise<void>;
}

/** Creates the database named in `databaseUrl` when it does not exist yet (via the `postgres` database). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name || name === 'postgres') return;
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return;
    try {
      await client.query(`create database ${client.escapeIdentifier(name)}`);
    } catch (err) {
      // 42P04 duplicate_database: another run created it in the meantime.
      if ((err as { code?: string }).code !== '42P04') throw err;
    }
  } finally {
    await client.end();
  }
}

/**
 * The whole API in this process, on PostgreSQL, listening on a free port of 127.0.0.1; `env` adds to
 * (or replaces) the process environment, e.g. OUTBOUND_ALLOW for a local fake provider.
 */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<BenchServer> {
  await ensureDatabase(databaseUrl);
  const config = loadConfig({
    ...process.env,
    ...env,
    DATABASE_URL: databaseUrl,
    BENCH_MODE: 'true',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    RATE_LIMIT_FACTOR: '1000',
  });
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  let app: App | undefined;
  try {
    await database.migrate();
    app = await buildApp(config, { database });
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (err) {
    await app?.close().catch(() => {});
    await database.close().catch(() => {});
    throw err;
  }
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error(`unexpected server address ${String(address)}`);
  const started = app;
  return {
    app: started,
    database,
    baseUrl: `http://127.0.0.1:${address.port}`,
    async close() {
      try {
        await started.close();
      } finally {
        await database.close();
      }
    },
  };
}
