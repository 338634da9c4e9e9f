import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, rows, testDriver } from '../helpers/database.ts';
import type { Database } from '../../src/db/client.ts';
import { buildInstance, eventually } from '../helpers/instances.ts';
import { META_QUEUE } from '../../src/modules/channels/providers/meta/inbound.ts';
import { DELIVER_MESSAGE_QUEUE } from '../../src/modules/channels/delivery/plugin.ts';
import { installQueueSchema } from '../../src/plugins/app/queue.ts';

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

  test('a job whose instance crashed while running it is retried within 30 s', { timeout: 60_000 }, async () => {
    const seen: string[] = [];
    const app = await buildInstance(database, {
      beforeReady: (a) => a.queue.define<{ n: number }>({
        name: 'crash-test',
        // The retry settings of the webhook queue; everything else from the defaults every queue gets.
        options: { retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds: 300 },
        worker: { handler: async (jobs) => void seen.push(...jobs.map((j) => j.id)) },
      }),
    });
    try {
      const { boss } = app.queue;
      // Another instance takes the job and dies holding it: fetched (active), never finished, no
      // heartbeats. The far start time keeps this instance's worker from taking it first.
      const id = await boss.send('crash-test', { n: 1 }, { startAfter: 3600 });
      const [taken] = await boss.fetch('crash-test', { ignoreStartAfter: true });
      expect(taken?.id).toBe(id);
      const crashed = Date.now();
      await eventually(async () => seen, (ids) => ids.includes(id!), 30_000, 100);
      expect(Date.now() - crashed).toBeLessThan(30_000);

      // The queues that carry work from outside run under the same bound.
      for (const name of [META_QUEUE, DELIVER_MESSAGE_QUEUE]) {
        const queue = await boss.getQueue(name);
        expect(queue, name).toMatchObject({ heartbeatSeconds: 10 });
        expect(queue!.retryDelay, name).toBeLessThanOrEqual(2);
      }
    } finally {
      await app.close();
    }
  });

  test('jobs fetched together settle one by one: a failing job does not take its batch with it', async () => {
    const app = await buildInstance(database, {
      beforeReady: (a) => a.queue.define<{ n: number }>({
        name: 'batch-test',
        options: { retryLimit: 0 },
        worker: {
          options: { batchSize: 5 },
          handler: async (jobs) => {
            for (const job of jobs) if (job.data.n === 2) throw new Error('job 2 is broken');
          },
        },
      }),
    });
    try {
      const { boss } = app.queue;
      // Queued before the worker can see them, so that one fetch takes all five.
      const ids = [0, 1, 2, 3, 4].map(() => randomUUID());
      await boss.insert('batch-test', ids.map((id, n) => ({ id, data: { n }, startAfter: new Date(Date.now() + 1500) })));
      const states = async () => Promise.all(ids.map(async (id) => (await boss.getJobById('batch-test', id))?.state));
      const settled = await eventually(states, (s) => s.every((state) => state === 'completed' || state === 'failed'), 15_000, 100);
      expect(settled).toEqual(['completed', 'completed', 'failed', 'completed', 'completed']);
    } finally {
      await app.close();
    }
  });
});

