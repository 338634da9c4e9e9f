import { sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { signupActor } from '../../../test/helpers/app.ts';
import { createTestDatabase, rows } from '../../../test/helpers/database.ts';
import type { App } from '../../app.ts';
import type { Database } from '../../db/client.ts';
import type { DispatchedEvent } from '../../plugins/app/events.ts';
import { findConversation } from '../conversations/queries.ts';
import { toConversation } from '../conversations/serializers.ts';
import { buildInstance, eventually, insertConversation, listen, openSocket, sleep, type TestSocket } from '../../../test/helpers/instances.ts';

// The event spine end to end: emit in a transaction → domain_events → dispatcher → subscribers.
const databases: Database[] = [];
const apps: App[] = [];
const sockets: TestSocket[] = [];
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.close()));
  await Promise.all(apps.splice(0).map((a) => a.close()));
});
afterAll(async () => {
  await Promise.all(databases.map((d) => d.close()));
});

async function freshDatabase() {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}
async function instance(database: Database, beforeReady?: (app: App) => void) {
  const app = await buildInstance(database, { beforeReady });
  apps.push(app);
  return app;
}
const count = async (app: App, query: ReturnType<typeof sql>) => Number((await rows<{ n: string | number }>(app.db, query))[0]!.n);

describe('a crash between commit and dispatch', () => {
  test('loses nothing: a restarted instance dispatches the committed event, once per subscriber, and replay has it', async () => {
    const database = await freshDatabase();
    const first = await instance(database);
    const admin = await signupActor(first, 'crash');
    const org = admin.organizationId;
    const { conversation } = await insertConversation(first.db, org);
    const data = toConversation((await findConversation(first.db, { organizationId: org, id: conversation.id }))!);

    // The dispatcher dies; the service's transaction still commits its change and its event.
    await first.events.stopDispatching();
    await first.db.transaction((tx) => first.events.emit(tx, { organizationId: org, type: 'conversation.updated', data }));
    await sleep(100);
    expect(await count(first, sql`select count(*) as n from domain_events where organization_id = ${org} and dispatched_at is null`)).toBe(1);
    expect(await count(first, sql`select count(*) as n from realtime_events where organization_id = ${org}`)).toBe(0);
    await first.close();
    apps.splice(apps.indexOf(first), 1);

    const received: DispatchedEvent[] = [];
    const second = await instance(database, (app) => app.events.subscribe('recorder', async (event) => {
      received.push(event);
    }));
    await eventually(async () => received.length, (n) => n >= 1, 5000);
    expect(received[0]).toMatchObject({ organizationId: org, type: 'conversation.updated', data });

    // The realtime subscriber numbered and stored it: a socket replaying from 0 gets it.
    const socket = await openSocket(await listen(second), { cookie: admin.cookie, since: 0 });
    sockets.push(socket);
    const frame = await socket.waitFor((f) => f.type === 'conversation.updated');
    expect(frame).toEqual({ type: 'conversation.updated', seq: 1, data });

    // Exactly once per subscriber, however often the dispatcher looks again.
    await second.events.dispatch();
    await sleep(200);
    await second.events.dispatch();
    expect(received).toHaveLength(1);
    expect(await count(second, sql`select count(*) as n from realtime_events where organization_id = ${org} and type = 'conversation.updated'`)).toBe(1);
    const receipts = await rows<{ subscriber: string }>(second.db, sql`
      select r.subscriber from domain_event_receipts r join domain_events e on e.id = r.event_id
      where e.organization_id = ${org} order by r.subscriber`);
    // Every subscriber that takes a conversation.updated got it once; those that subscribed to other types only
    // (activity: conversation.changed; ai-assist: message.created; widget-offline-mail: message.updated) never
    // saw it, not even as a receipt.
    expect(receipts.map((r) => r.subscriber)).toEqual(['notifications', 'realtime', 'recorder']);
    expect(await count(second, sql`select count(*) as n from domain_events where organization_id = ${org} and dispatched_at is null`)).toBe(0);
  });

  test('a failing subscriber gets the event again; the ones that handled it are not run twice', async () => {
    const database = await freshDatabase();
    let flakyCalls = 0;
    let steadyCalls = 0;
    const app = await instance(database, (a) => {
      a.events.subscribe('flaky', async () => {
        if (++flakyCalls === 1) throw new Error('first attempt fails');
      });
      a.events.subscribe('steady', async () => {
        steadyCalls++;
      });
    });
    const admin = await signupActor(app, 'flaky');
    const org = admin.organizationId;
    const base = { flaky: flakyCalls, steady: steadyCalls };
    await app.db.transaction((tx) => app.events.emit(tx, { organizationId: org, type: 'conversation.deleted', data: { id: 'gone' } }));
    await eventually(async () => flakyCalls - base.flaky, (n) => n >= 2, 8000);
    await app.events.dispatch();
    expect(flakyCalls - base.flaky).toBe(2);
    expect(steadyCalls - base.steady).toBe(1);
  });

  test('a slow subscriber does not hold back the live lane: later events reach the sockets while it works', async () => {
    const database = await freshDatabase();
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const slowSaw: string[] = [];
    const app = await instance(database, (a) => a.events.subscribe('slow', async (event) => {
      if (event.type !== 'conversation.deleted') return;
      slowSaw.push(event.data.id);
      // Outside the transaction (PGlite's one connection stays free): the lane itself is what waits.
      if (event.data.id === 'first') return () => gate;
    }, { types: ['conversation.deleted'] }));
    const admin = await signupActor(app, 'lanes');
    const org = admin.organizationId;
    const socket = await openSocket(await listen(app), { cookie: admin.cookie });
    sockets.push(socket);
    try {
      await app.db.transaction((tx) => app.events.emit(tx, { organizationId: org, type: 'conversation.deleted', data: { id: 'first' } }));
      await eventually(async () => slowSaw.length, (n) => n === 1, 5000);
      await app.db.transaction((tx) => app.events.emit(tx, { organizationId: org, type: 'conversation.deleted', data: { id: 'second' } }));
      // The frame of the second event goes out while the slow subscriber still works on the first.
      const frame = await socket.waitFor((f) => f.type === 'conversation.deleted' && f.data.id === 'second');
      expect(frame.data).toEqual({ id: 'second' });
      expect(slowSaw).toEqual(['first']);
    } finally {
      release();
    }
    // Then the slow lane catches up, in order, and every event is settled.
    await eventually(async () => slowSaw.length, (n) => n === 2, 5000);
    expect(slowSaw).toEqual(['first', 'second']);
    await app.events.dispatch();
    expect(await count(app, sql`select count(*) as n from domain_events where organization_id = ${org} and dispatched_at is null`)).toBe(0);
  });

  test('one event failing in a subscriber\'s shared transaction: the others of the batch still commit, each once', async () => {
    const database = await freshDatabase();
    let secondCalls = 0;
    const writer = (a: App) => {
      // No worker here: the jobs stay to be counted (and a queue sent to only must not hang a PGlite transaction).
      a.queue.define({ name: 'spine-jobs' });
      a.events.subscribe('writer', async (event, tx) => {
        if (event.type !== 'conversation.deleted') return;
        const { id } = event.data;
        // The write and the job happen, then the handler fails: the rollback must take both back with it
        // (a job left behind by a rolled-back attempt would run twice: a push or an e-mail sent twice).
        await tx.execute(sql`insert into spine_writes (id) values (${id})`);
        await a.queue.sendInTransaction(tx, 'spine-jobs', { id });
        if (id === 'second' && ++secondCalls <= 2) throw new Error('the second event fails twice');
      }, { types: ['conversation.deleted'] });
    };

    const first = await instance(database);
    const admin = await signupActor(first, 'chunk');
    const org = admin.organizationId;
    await first.db.execute(sql`create table spine_writes (id text primary key)`);
    // Three events committed while nobody dispatches: the next instance claims them in one batch and hands them
    // to 'writer' in one transaction (which fails), then one transaction each (the second fails again).
    await first.events.stopDispatching();
    await first.db.transaction(async (tx) => {
      for (const id of ['first', 'second', 'third']) await first.events.emit(tx, { organizationId: org, type: 'conversation.deleted', data: { id } });
    });
    await instance(database, writer);
    const written = async () => (await rows<{ id: string }>(first.db, sql`select id from spine_writes order by id`)).map((r) => r.id);
    await eventually(written, (ids) => ids.length === 2, 5000);
    // The failed event's write went with its transaction; the others committed with their receipts.
    expect(await written()).toEqual(['first', 'third']);
    // Offered again after its back-off: now it succeeds, once.
    await eventually(written, (ids) => ids.length === 3, 8000);
    expect(await written()).toEqual(['first', 'second', 'third']);
    expect(secondCalls).toBe(3);
    const jobs = await rows<{ id: string }>(first.db, sql`select data->>'id' as id from pgboss.job where name = 'spine-jobs' order by 1`);
    expect(jobs.map((j) => j.id)).toEqual(['first', 'second', 'third']);
    expect(await count(first, sql`select count(*) as n from domain_event_receipts r join domain_events e on e.id = r.event_id
      where e.organization_id = ${org} and r.subscriber = 'writer'`)).toBe(3);
  });

  test('a chunk waiting on a lock that a deleting request holds yields: the request is not the deadlock\'s victim', async () => {
    const database = await freshDatabase();
    // PGlite has one connection: two transactions there never wait on each other.
    if (database.pglite) return;
    let held = false;
    let firstWritten!: () => void;
    const wrote = new Promise<void>((resolve) => (firstWritten = resolve));
    let letGo!: () => void;
    const deleterWaits = new Promise<void>((resolve) => (letGo = resolve));
    // Each event writes a child row under its parent (key-sharing the parent, as notifications do a conversation).
    const childWriter = (a: App) => a.events.subscribe('child-writer', async (event, tx) => {
      if (event.type !== 'conversation.deleted') return;
      const { id } = event.data;
      await tx.execute(sql`insert into spine_children (parent_id) select ${id} where exists (select 1 from spine_parents where id = ${id})`);
      if (id === 'p1' && !held) {
        held = true;
        firstWritten();
        await deleterWaits;
      }
    }, { types: ['conversation.deleted'] });

    const first = await instance(database);
    const admin = await signupActor(first, 'deadlock');
    const org = admin.organizationId;
    await first.db.execute(sql`create table spine_parents (id text primary key)`);
    await first.db.execute(sql`create table spine_children (parent_id text not null references spine_parents on delete cascade)`);
    await first.db.execute(sql`insert into spine_parents (id) values ('p1'), ('p2')`);
    await first.events.stopDispatching();
    await first.db.transaction(async (tx) => {
      for (const id of ['p1', 'p2']) await first.events.emit(tx, { organizationId: org, type: 'conversation.deleted', data: { id } });
    });
    await instance(database, childWriter);
    await wrote;

    // The request: deletes p2 (locking it), then p1, which waits for the chunk's transaction (it key-shares p1)…
    const deleted = first.db.transaction(async (tx) => {
      await tx.execute(sql`delete from spine_parents where id = 'p2'`);
      await tx.execute(sql`delete from spine_parents where id = 'p1'`);
    });
    const outcome = deleted.then(() => 'committed', (err: { code?: string; cause?: { code?: string } }) => `failed ${err.cause?.code ?? err.code}`);
    await eventually(async () => count(first, sql`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`), (n) => n >= 1, 5000);
    // …and the chunk goes on to p2, which waits for the request: a cycle. The chunk gives up first.
    letGo();
    expect(await outcome).toBe('committed');
    expect(await count(first, sql`select count(*) as n from spine_parents`)).toBe(0);
    // Handed over again one per transaction: both events end dispatched (their parents are gone: nothing to write).
    await eventually(async () => count(first, sql`select count(*) as n from domain_events where organization_id = ${org} and dispatched_at is null`), (n) => n === 0, 8000);
    expect(await count(first, sql`select count(*) as n from spine_children`)).toBe(0);
  });

  test('an event whose transaction rolls back is never dispatched', async () => {
    const database = await freshDatabase();
    const received: DispatchedEvent[] = [];
    const app = await instance(database, (a) => a.events.subscribe('recorder', async (event) => {
      received.push(event);
    }));
    const admin = await signupActor(app, 'rollback');
    const org = admin.organizationId;
    await expect(app.db.transaction(async (tx) => {
      await app.events.emit(tx, { organizationId: org, type: 'conversation.deleted', data: { id: 'never' } });
      throw new Error('the change fails');
    })).rejects.toThrow('the change fails');
    await app.events.dispatch();
    expect(received.filter((e) => e.organizationId === org)).toEqual([]);
    expect(await count(app, sql`select count(*) as n from domain_events where organization_id = ${org}`)).toBe(0);
  });
});
