import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { paths } from '../paths.ts';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { ConfigError } from '../config.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The one query surface both drivers share: every query in the app is written against this. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** What a query function runs on: the database, or a transaction it is part of. */
export type Executor = Db | Tx;

export const migrationsFolder = paths.migrations;
/** Built by `pnpm build` (scripts/build-db-template.ts): a migrated embedded database to start from. */
export const pgliteTemplatePath = paths.pgliteTemplate;

export interface Database {
  db: Db;
  driver: 'pglite' | 'pg';
  /** Present for the pg driver: pg-boss and LISTEN need raw connections. */
  pool?: pg.Pool;
  pglite?: PGlite;
  migrate(): Promise<void>;
  /**
   * Runs `fn` while holding the lock migrations take, so schema changes made outside drizzle's
   * migrations (pg-boss installing its own schema) never race another instance starting at once.
   */
  withMigrationLock<T>(fn: () => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Arbitrary constant: serialises migrations of several instances starting at once. */
const MIGRATION_LOCK = 727_001;

export function fromPool(pool: pg.Pool): Database {
  // An idle client dying (server restart, admin termination) must not crash the process: the pool
  // drops it and opens a new one; queries in flight still reject with the error.
  pool.on('error', () => {});
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  async function locked<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      return await fn(client);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
      client.release();
    }
  }
  return {
    db,
    driver: 'pg',
    pool,
    migrate: () => locked((client) => migratePg(drizzlePg({ client, schema }), { migrationsFolder })),
    withMigrationLock: (fn) => locked(() => fn()),
    async ping() {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}

export function fromPglite(client: PGlite): Database {
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    pglite: client,
    async migrate() {
      await migratePglite(drizzlePglite({ client, schema }), { migrationsFolder });
    },
    // One process owns an embedded database: there is nobody to race.
    withMigrationLock: (fn) => fn(),
    async ping() {
      await db.execute(sql`select 1`);
    },
    close: () => client.close(),
  };
}

/** Why a connection failed, in words; a refused dual-stack connect is an AggregateError with no message of its own. */
function reasonOf(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length) return reasonOf(err.errors[0]);
  if (err instanceof Error) return err.message || (err as NodeJS.ErrnoException).code || err.name;
  return String(err);
}

/**
 * Connects once before anything else uses the pool, so a wrong or unreachable `DATABASE_URL` is one
 * clear start-up error naming the variable (the pool itself would fail later, deep inside migrations).
 * The message names the server and database, never the URL's password.
 */
async function checkReachable(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    const u = new URL(databaseUrl);
    const where = `${u.hostname}:${u.port || 5432}${u.pathname}`;
    throw new ConfigError(`DATABASE_URL: cannot connect to the PostgreSQL server at ${where} (${reasonOf(err)})`);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) {
    await checkReachable(opts.databaseUrl);
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 20 });
    return fromPool(pool);
  }
  const dir = path.resolve(opts.dataDir, 'pgdata');
  await mkdir(dir, { recursive: true });
  // A fresh directory starts from the built template when there is one: unpacking a migrated data
  // directory takes a fraction of initdb + migrations in WASM.
  const fresh = !existsSync(path.join(dir, 'PG_VERSION'));
  const template = fresh && existsSync(pgliteTemplatePath) ? new Blob([await readFile(pgliteTemplatePath)]) : undefined;
  return fromPglite(await PGlite.create(dir, template ? { loadDataDir: template } : {}));
}
