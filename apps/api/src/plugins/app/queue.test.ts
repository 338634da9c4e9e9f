import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, rows, testDriver } from '../../../test/helpers/database.ts';
import type { Database } from '../../db/client.ts';
import { buildInstance } from '../../modules/realtime/test-support.ts';
import { installQueueSchema } from './queue.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe(`job queue on ${testDriver()}`, () => {
  test('installQueueSchema prepares pg-boss ahead of the app, which then starts on it', async () => {
    const installed = async () =>
      (await rows<{ n: number | string }>(database.db, sql`select count(*) as n from information_schema.tables where table_schema = 'pgboss' and table_name = 'job'`))[0]!.n;
    // The test template ships with the queue schema (global setup): start from a database without it.
    await database.db.execute(sql`drop schema if exists pgboss cascade`);
    expect(Number(await installed())).toBe(0);
    await installQueueSchema(database);
    expect(Number(await installed())).toBe(1);

    const app = await buildInstance(database);
    try {
      expect(await app.queue.boss.getQueue('deliver-message')).toMatchObject({ policy: 'exclusive', retryLimit: 5, retryBackoff: true });
      const id = await app.queue.send('deliver-message', { messageId: 'none', organizationId: 'none' }, { singletonKey: 'q-test' });
      expect(id).toEqual(expect.any(String));
    } finally {
      await app.close();
    }
  });
});
