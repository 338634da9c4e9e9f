import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { fromPglite, fromPool, type Database } from '../../src/db/client.ts';

/**
 * A fresh, migrated database for one test file: a PGlite copy of the template, or — when
 * TEST_DATABASE_URL is set — a PostgreSQL database cloned from the migrated template.
 */
export async function createTestDatabase(): Promise<Database> {
  const template = inject('pgTemplate');
  if (!template) {
    const dump = await readFile(inject('pgliteTemplate'));
    return fromPglite(await PGlite.create({ loadDataDir: new Blob([dump]) }));
  }
  const name = `helpstack_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: template.url });
  await admin.connect();
  await admin.query(`create database ${name} template ${template.name}`);
  await admin.end();
  const u = new URL(template.url);
  u.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: u.toString(), max: 10 });
  // The forced drop below may terminate a connection that is still closing; that is expected here.
  pool.on('connect', (c) => c.on('error', () => {}));
  const database = fromPool(pool);
  return {
    ...database,
    async close() {
      await database.close();
      const admin = new pg.Client({ connectionString: template.url });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export const testDriver = () => (inject('pgTemplate') ? 'pg' : 'pglite');

/** Rows of a raw SQL query, for tests that look behind the API. */
export async function rows<T = Record<string, unknown>>(db: Database['db'], query: Parameters<Database['db']['execute']>[0]): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
