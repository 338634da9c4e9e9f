import fp from 'fastify-plugin';
import {
  PgBoss,
  fromPglite,
  type ConstructorOptions,
  type Db as BossDb,
  type JobResult,
  type JobWithMetadata,
  type Queue,
  type SendOptions,
  type WorkOptions,
} from 'pg-boss';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client.ts';

export interface QueueDefinition<T extends object> {
  name: string;
  /** Retry, expiry and retention defaults of the queue's jobs; kept in sync with the code on every start. */
  options?: Omit<Queue, 'name'>;
  /** Runs jobs on this instance; omit for a queue this instance only sends to. */
  worker?: {
    options?: Omit<WorkOptions, 'includeMetadata' | 'perJobResults'>;
    /**
     * Called with one job at a time; a `batchSize` > 1 fetches several at once and settles each on its
     * own, so a job that throws is retried alone and the others of its batch complete.
     */
    handler: (jobs: JobWithMetadata<T>[]) => Promise<unknown>;
  };
}

/**
 * Durable jobs in the application's own Postgres (pg-boss): a job survives restarts and crashes, and
 * any instance may run it. Queues are declared while the app is built and start with it.
 */
export interface JobQueue {
  define<T extends object>(definition: QueueDefinition<T>): void;
  /** Resolves with the job id, or null when a job with the same `id` already exists. */
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  /**
   * Like `send`, but the job row is written through the caller's transaction (pg-boss's `db` option): it commits
   * or rolls back with the change that caused it, so a crash between the commit and a later send loses nothing.
   */
  sendInTransaction<T extends object>(tx: Tx, name: string, data: T, options?: Omit<SendOptions, 'db'>): Promise<string | null>;
  /** Wakes this instance's worker of `name` now (after the commit of jobs sent in a transaction) instead of at its next poll. */
  wake(name: string): void;
  /** The underlying pg-boss, for inspection (tests, admin tooling). */
  readonly boss: PgBoss;
}

declare module 'fastify' {
  interface FastifyInstance {
    queue: JobQueue;
  }
}

export interface QueuePluginOptions {
  /** How long a shutdown waits for running jobs before failing them back to the queue (they are retried). */
  stopTimeoutMs?: number;
  /** How often this instance looks for expired jobs and jobs whose heartbeat stopped (a crashed instance's). */
  superviseIntervalSeconds?: number;
  /** The least time between two such checks of one queue, across all instances. */
  monitorIntervalSeconds?: number;
}

/** pg-boss's executor over a drizzle transaction: its `$n` placeholders become bound parameters (never inlined). */
export function transactionExecutor(tx: Tx): BossDb {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = parts.map((part, i) => (i % 2 ? sql.param(values[Number(part) - 1]) : sql.raw(part))) as SQL[];
      const result = await tx.execute(sql.join(chunks)) as unknown as { rows: unknown[] };
      return { rows: result.rows } as Awaited<ReturnType<BossDb['executeSql']>>;
    },
  };
}

/**
 * Every queue's running jobs send heartbeats: a job whose instance died (crash, kill -9, lost network)
 * stops beating and is retried about `heartbeatSeconds` + one supervise pass later, instead of after its
 * whole `expireInSeconds`, which stays the bound for a job that is alive but stuck. 10 s is pg-boss's least.
 */
export const QUEUE_DEFAULTS = { heartbeatSeconds: 10 } satisfies Omit<Queue, 'name'>;

/**
 * Worker defaults. A worker this instance sent a job to is woken at once (`send` below); the others find
 * it at their next poll. A batch that comes back full is followed by the next fetch at once (a backlog is
 * drained without waiting out the polling interval); that needs a `batchSize` > 1, which a handler that
 * works whole batches sets. Heartbeats every 3 s leave room for a busy event loop before the 10 s mark.
 */
export const WORKER_DEFAULTS = {
  pollingIntervalSeconds: 1,
  burstWhenBatchFull: true,
  heartbeatRefreshSeconds: 3,
} satisfies WorkOptions;

/** Supervision: with heartbeats of 10 s, a crashed instance's job is retried within ~10 + 5 s + its retry delay. */
const SUPERVISE_INTERVAL_SECONDS = 5;
// Below the supervise interval, so that every pass of an instance finds the queues due for a check.
const MONITOR_INTERVAL_SECONDS = 4;

/**
 * pg-boss on either driver, sharing the app's database rather than opening its own connections.
 * On PGlite it goes through pg-boss's own PGlite adapter (`fromPglite`): `query()` for parameterised
 * statements and `exec()` for its multi-statement DDL and locked blocks, both serialised with the app's
 * queries by PGlite's single connection. On PostgreSQL, `pool.query` without values uses the simple
 * protocol, which accepts pg-boss's multi-statement text as one round trip.
 */
function bossOptions(database: Database): ConstructorOptions {
  if (database.driver === 'pglite') return { db: fromPglite(database.pglite!), backend: 'pglite' };
  const pool = database.pool!;
  const db: BossDb = { executeSql: (text, values) => pool.query(text, values as unknown[] | undefined) };
  return { db, backend: 'postgres' };
}

/**
 * Creates (or migrates) pg-boss's schema without starting workers. The app does this itself on start;
 * a database template built once (e.g. the test template) can do it ahead so each start only checks it.
 */
export async function installQueueSchema(database: Database) {
  const boss = new PgBoss({ ...bossOptions(database), schedule: false, supervise: false });
  await database.withMigrationLock(() => boss.start());
  await boss.stop({ graceful: false });
}

export default fp<QueuePluginOptions>(async (app, opts) => {
  const boss = new PgBoss({
    ...bossOptions(app.database),
    // Nothing here is cron-driven; the clock monitor and cron polling would only add load.
    schedule: false,
    supervise: true,
    superviseIntervalSeconds: opts.superviseIntervalSeconds ?? SUPERVISE_INTERVAL_SECONDS,
    monitorIntervalSeconds: opts.monitorIntervalSeconds ?? MONITOR_INTERVAL_SECONDS,
  });
  boss.on('error', (err) => app.log.error({ err }, 'job queue error'));
  boss.on('warning', (warning) => app.log.warn({ warning }, 'job queue warning'));

  const definitions: QueueDefinition<object>[] = [];
  const workerIds = new Map<string, string>();
  let started: Promise<void> | undefined;

  async function start() {
    // pg-boss creates or migrates its schema on start; instances starting together on an empty database
    // would race on CREATE SCHEMA, so this takes the lock the app's own migrations take.
    await app.database.withMigrationLock(() => boss.start());
    for (const def of definitions) {
      const queueOptions = { ...QUEUE_DEFAULTS, ...def.options };
      // createQueue leaves an existing queue alone; updateQueue carries changed defaults over to it.
      await boss.createQueue(def.name, queueOptions);
      const { policy: _policy, partition: _partition, ...updatable } = queueOptions;
      await boss.updateQueue(def.name, updatable);
      // pg-boss looks a queue up in its cache, and on a miss reads it through its own connection, not the `db`
      // of a send: on PGlite (one connection) the first `sendInTransaction` to a queue this instance has no
      // worker for would wait for the transaction it is in, forever. Inserting no jobs caches the queue now.
      await boss.insert(def.name, []);
    }
    for (const def of definitions) {
      if (!def.worker) continue;
      const options = { ...WORKER_DEFAULTS, ...def.worker.options, includeMetadata: true as const, perJobResults: true as const };
      const handler = def.worker.handler;
      const id = await boss.work<object, unknown, typeof options>(def.name, options, async (jobs) => {
        const results: JobResult[] = [];
        for (const job of jobs) {
          try {
            results.push({ id: job.id, status: 'completed', output: await handler([job]) });
          } catch (err) {
            const { message, name } = err instanceof Error ? err : new Error(String(err));
            results.push({ id: job.id, status: 'failed', output: { name, message } });
          }
        }
        return results;
      });
      workerIds.set(def.name, id);
    }
  }

  app.decorate('queue', {
    boss,
    define(definition) {
      if (started) throw new Error(`queue ${definition.name} must be defined before the app is ready`);
      definitions.push(definition as QueueDefinition<object>);
    },
    async send(name, data, options = {}) {
      if (!started) throw new Error('the job queue is not started yet');
      await started;
      const id = await boss.send(name, data, options);
      // Wake this instance's worker now instead of at its next poll; other instances poll.
      const workerId = workerIds.get(name);
      if (id && workerId) boss.notifyWorker(workerId);
      return id;
    },
    async sendInTransaction(tx, name, data, options = {}) {
      if (!started) throw new Error('the job queue is not started yet');
      await started;
      // No wake-up here: the job is invisible until the commit (the caller wakes the worker after it).
      return boss.send(name, data, { ...options, db: transactionExecutor(tx) });
    },
    wake(name) {
      const workerId = workerIds.get(name);
      if (workerId) boss.notifyWorker(workerId);
    },
  } satisfies JobQueue);

  app.addHook('onReady', async () => {
    started = start();
    await started;
  });
  // preClose: running jobs still need the database, which the process may close in onClose.
  app.addHook('preClose', async () => {
    if (!started) return;
    // Stop fetching and let running jobs finish, for a while; then pg-boss fails whatever still runs
    // back to the queue (aborting its signal), and another instance retries it.
    const drained = Promise.allSettled([...workerIds.keys()].map((name) => boss.offWork(name, { wait: true })));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([drained, new Promise((resolve) => (timer = setTimeout(resolve, opts.stopTimeoutMs ?? 10_000)))]);
    clearTimeout(timer);
    await boss.stop({ graceful: false });
  });
}, { name: 'queue', dependencies: ['db'] });
