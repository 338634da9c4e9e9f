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
    // Every registered subscriber got it once (ai-assist is the AI module's, modules/ai-assist/subscriber.ts).
    expect(receipts.map((r) => r.subscriber)).toEqual(['ai-assist', 'realtime', 'recorder']);
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
