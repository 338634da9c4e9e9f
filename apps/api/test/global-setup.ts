import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { fromPglite, fromPool } from '../src/db/client.ts';
import { installQueueSchema } from '../src/plugins/app/queue.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A gzipped PGlite data dir with every migration applied; each test file starts from a copy. */
    pgliteTemplate: string;
    /** Set when TEST_DATABASE_URL is: each test file clones this migrated database as its own. */
    pgTemplate: { url: string; name: string } | null;
  }
}

const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/** Migrate once per run, then clone per test file: PGlite start-up and migrations are the slow part. */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(tmpdir(), 'helpstack-test-'));
  const pglite = await PGlite.create();
  const template = fromPglite(pglite);
  await template.migrate();
  // pg-boss creates its schema on first start: once here, not in every test file's app.
  await installQueueSchema(template);
  const dump = await pglite.dumpDataDir('gzip');
  await pglite.close();
  const file = path.join(dir, 'template.tar.gz');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);

  const url = process.env.TEST_DATABASE_URL;
  let pgTemplate: { url: string; name: string } | null = null;
  if (url) {
    const name = `helpstack_tpl_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const pool = new pg.Pool({ connectionString: withDb(url, name), max: 2 });
    const database = fromPool(pool);
    await database.migrate();
    await installQueueSchema(database);
    await pool.end();
    pgTemplate = { url, name };
  }
  project.provide('pgTemplate', pgTemplate);

  return async () => {
    await rm(dir, { recursive: true, force: true });
    if (pgTemplate) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`drop database if exists ${pgTemplate.name} with (force)`);
      await admin.end();
    }
  };
}
