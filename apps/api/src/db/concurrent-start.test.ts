import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import type { App } from '../app.ts';
import { buildInstance } from '../../test/helpers/instances.ts';
import { fromPool, type Database } from './client.ts';

/** A PostgreSQL server to create throwaway databases on: TEST_DATABASE_URL, else a local one if it answers. */
async function serverUrl(): Promise<string | null> {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await probe.connect();
    return url;
  } catch {
    return null;
  } finally {
    await probe.end().catch(() => {});
  }
}

const url = await serverUrl();

async function admin<T>(fn: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: url! });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe.skipIf(!url)('instances starting at the same moment on an empty PostgreSQL database', () => {
  const name = `helpstack_ops_start_${randomBytes(4).toString('hex')}`;
  const databases: Database[] = [];
  const apps: App[] = [];

  afterAll(async () => {
    await Promise.allSettled(apps.map((app) => app.close()));
    await Promise.allSettled(databases.map((database) => database.close()));
    await admin((c) => c.query(`drop database if exists ${name} with (force)`));
  });

  test('both come up: migrations and the job queue schema are installed once, under one lock', async () => {
    await admin((c) => c.query(`create database ${name}`));
    const u = new URL(url!);
    u.pathname = `/${name}`;
    // What src/main.ts does, twice at once: open, migrate, build and start the app.
    const start = async () => {
      const database = fromPool(new pg.Pool({ connectionString: u.toString(), max: 5 }));
      databases.push(database);
      await database.migrate();
      const app = await buildInstance(database);
      apps.push(app);
      return app;
    };
    const results = await Promise.allSettled([start(), start(), start()]);
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'up'))).toEqual(['up', 'up', 'up']);
    for (const app of apps) expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
