import { realtimeEventFrameSchema, realtimeReadyFrameSchema } from '@helpstack/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { buildTestApp, signupActor, twoOrganizations, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { rows } from '../../../test/helpers/database.ts';
import { appendEvent, pruneEvents } from './queries.ts';
import { publishRealtime } from './stream.ts';
import { eventually, insertConversation, listen, openSocket, refusedUpgrade, sleep, type TestSocket } from '../../../test/helpers/instances.ts';

let t: TestApp;
let A: Org;
let B: Org;
let base: string;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  ({ A, B } = await twoOrganizations(t.app));
  base = await listen(t.app);
});
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.close()));
  // Let the disconnects' presence work settle before the next test watches presence.
  await sleep(100);
});
afterAll(() => t.close());

async function connect(cookie: string | undefined, opts: { since?: number } = {}) {
  const socket = await openSocket(base, { cookie, ...opts });
  sockets.push(socket);
  await socket.ready();
  return socket;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const publish = (organizationId: string, n: number) => publishRealtime(t.app, organizationId, 'conversation.updated', { id: `c${n}`, n });

describe('upgrade', () => {
  test('401 envelope before the upgrade without a session, or with a dead one', async () => {
    for (const headers of [{}, { cookie: 'helpstack_session=not-a-session' }] as Record<string, string>[]) {
      const res = await refusedUpgrade(base, '/api/realtime', headers);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ success: false, error: { code: 'UNAUTHORIZED' } });
    }
  });

  test('a foreign Origin is refused (403) even with a valid cookie; the app\'s own origin is accepted', async () => {
    const res = await refusedUpgrade(base, '/api/realtime', { cookie: `helpstack_session=${A.AGENT.cookie}`, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    const own = await openSocket(base, { cookie: A.AGENT.cookie, origin: base.replace('ws:', 'http:') });
    sockets.push(own);
    await own.ready();
  });

  test('a bad ?since= is a 400 envelope before the upgrade', async () => {
    const res = await refusedUpgrade(base, '/api/realtime?since=abc', { cookie: `helpstack_session=${A.AGENT.cookie}` });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_ERROR', fields: { since: expect.any(Array) } });
  });

  test('a plain GET (no upgrade) is a 400 envelope, not an empty 404', async () => {
    const res = await A.AGENT.get('/api/realtime');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
  });
});

describe('events', () => {
  test('frames follow the contract; events of organization A never reach B\'s socket', async () => {
    const a = await connect(A.VIEWER.cookie);
    const b = await connect(B.VIEWER.cookie);
    const sentA = await publish(A.ADMIN.organizationId, 1);
    const sentB = await publish(B.ADMIN.organizationId, 2);
    const gotA = await a.waitFor((f) => f.seq === sentA.seq && f.type === 'conversation.updated');
    const gotB = await b.waitFor((f) => f.seq === sentB.seq && f.type === 'conversation.updated');
    expect(gotA).toEqual({ type: 'conversation.updated', seq: sentA.seq, data: { id: 'c1', n: 1 } });
    expect(gotB.data).toEqual({ id: 'c2', n: 2 });
    // A real change travels the spine (emit → outbox → realtime subscriber) as a frame of the typed event map.
    const { conversation } = await insertConversation(t.app.db, A.ADMIN.organizationId);
    const patched = await A.AGENT.patch(`/api/conversations/${conversation.id}`, { priority: 'HIGH' });
    const real = await a.waitFor((f) => f.type === 'conversation.updated' && f.data.id === conversation.id);
    expect(realtimeEventFrameSchema.parse(real)).toEqual({ type: 'conversation.updated', seq: real.seq, data: patched.body.data });
    expect(realtimeReadyFrameSchema.safeParse(a.frames[0]).success).toBe(true);
    await sleep(100);
    expect(a.events().map((f) => f.data.n)).not.toContain(2);
    expect(b.events().map((f) => f.data.n)).not.toContain(1);
  });

  test('50 concurrent publishes number 1..50 without gaps; a socket gets them in order', async () => {
    const admin = await signupActor(t.app, 'seq');
    const org = admin.organizationId;
    const published = await Promise.all(Array.from({ length: 50 }, (_, i) => publish(org, i)));
    expect(published.map((e) => e.seq).sort((x, y) => x - y)).toEqual(range(1, 50));
    const stored = await rows<{ seq: string | number }>(t.app.db, sql`select seq from realtime_events where organization_id = ${org} order by seq`);
    expect(stored.map((r) => Number(r.seq))).toEqual(range(1, 50));

    // Live: concurrent publishes reach an open socket in seq order, consecutively.
    const socket = await connect(admin.cookie);
    const from = socket.frames[0]!.seq;
    const more = await Promise.all(Array.from({ length: 50 }, (_, i) => publish(org, 100 + i)));
    const last = Math.max(...more.map((e) => e.seq));
    await socket.waitFor((f) => f.seq === last);
    expect(socket.events().map((f) => f.seq)).toEqual(range(from + 1, last));
    expect(socket.events('conversation.updated').map((f) => f.data.n).sort((x, y) => x - y)).toEqual(range(100, 149));
  });

  test('reconnecting with ?since= replays exactly the missed events, in order, then goes live', async () => {
    const admin = await signupActor(t.app, 'replay');
    const org = admin.organizationId;
    const first = await connect(admin.cookie);
    for (let i = 1; i <= 3; i++) await publish(org, i);
    const seen = (await first.waitFor((f) => f.data?.n === 3)).seq;
    await first.close();
    for (let i = 4; i <= 6; i++) await publish(org, i);

    const again = await connect(admin.cookie, { since: seen });
    const readyAt = again.frames.findIndex((f) => f.type === 'ready');
    const replayed = again.frames.slice(0, readyAt);
    const ready = again.frames[readyAt]!;
    // Everything after `seen`, consecutively: the three updates, and the presence changes of the reconnect.
    expect(replayed.map((f) => f.seq)).toEqual(range(seen + 1, ready.seq));
    expect(ready.data).toEqual({ replayed: replayed.length, resync: false });
    expect(replayed.filter((f) => f.type === 'conversation.updated').map((f) => f.data.n)).toEqual([4, 5, 6]);
    expect(replayed.filter((f) => f.type === 'conversation.updated' && f.data.n <= 3)).toEqual([]);

    const live = await publish(org, 7);
    expect(live.seq).toBeGreaterThan(ready.seq);
    await again.waitFor((f) => f.seq === live.seq);
    expect(again.events().map((f) => f.seq)).toEqual(range(seen + 1, live.seq));
  });

  test('events published while the replay runs are neither lost nor doubled', async () => {
    const admin = await signupActor(t.app, 'race');
    const org = admin.organizationId;
    for (let i = 1; i <= 40; i++) await publish(org, i);
    // Publishing goes on while the socket connects and replays from 0.
    let last = 0;
    const burst = (async () => {
      for (let i = 41; i <= 80; i++) last = (await publish(org, i)).seq;
    })();
    const socket = await openSocket(base, { cookie: admin.cookie, since: 0 });
    sockets.push(socket);
    await burst;
    await socket.waitFor((f) => f.seq === last);
    await sleep(50);
    const events = socket.events();
    expect(events.map((f) => f.seq)).toEqual(range(1, events.at(-1)!.seq));
    expect(events.filter((f) => f.type === 'conversation.updated').map((f) => f.data.n)).toEqual(range(1, 80));
    expect(socket.frames.filter((f) => f.type === 'ready')).toHaveLength(1);
  });

  test('history that is no longer kept asks the client to resync; a cursor from the future is clamped', async () => {
    const admin = await signupActor(t.app, 'pruned');
    const org = admin.organizationId;
    for (let i = 1; i <= 4; i++) await publish(org, i);
    await t.app.db.execute(sql`delete from realtime_events where organization_id = ${org} and seq <= 2`);
    const old = await connect(admin.cookie, { since: 1 });
    const ready = old.frames.find((f) => f.type === 'ready')!;
    expect(ready.data.resync).toBe(true);
    // What is left is still sent (3, 4, then this socket's own presence event).
    expect(old.events().map((f) => f.seq)).toEqual(range(3, ready.seq));

    const future = await connect(admin.cookie, { since: 999 });
    expect(future.frames[0]).toMatchObject({ type: 'ready', data: { replayed: 0, resync: true } });
    expect(future.frames[0]!.seq).toBeLessThan(999);
    const next = await publish(org, 5);
    await future.waitFor((f) => f.seq === next.seq);

    // Without since: nothing replayed, live from now.
    const fresh = await connect(admin.cookie);
    expect(fresh.frames[0]).toEqual({ type: 'ready', seq: next.seq, data: { replayed: 0, resync: false } });
  });

  test('an event whose fan-out was lost (Redis hiccup) is filled in from Postgres, in order', async () => {
    const admin = await signupActor(t.app, 'gap');
    const org = admin.organizationId;
    const socket = await connect(admin.cookie);
    const from = socket.frames[0]!.seq;
    // Stored and numbered, but never published on the bus.
    const lost = await appendEvent(t.app.db, { organizationId: org, type: 'conversation.updated', data: { n: 'lost' } });
    const next = await publish(org, 2);
    await socket.waitFor((f) => f.seq === next.seq);
    expect(socket.events().map((f) => [f.seq, f.data.n])).toEqual([[lost.seq, 'lost'], [next.seq, 2]]);
    expect(lost.seq).toBe(from + 1);
  });

  test('pruning drops events older than an hour and keeps recent ones', async () => {
    const admin = await signupActor(t.app, 'prune');
    const org = admin.organizationId;
    await publish(org, 1);
    await publish(org, 2);
    await t.app.db.execute(sql`update realtime_events set created_at = now() - interval '2 hours' where organization_id = ${org} and seq = 1`);
    await pruneEvents(t.app.db, { before: new Date(Date.now() - 60 * 60_000) });
    const left = await rows<{ seq: string | number }>(t.app.db, sql`select seq from realtime_events where organization_id = ${org}`);
    expect(left.map((r) => Number(r.seq))).toEqual([2]);
  });
});

describe('presence', () => {
  test('first socket → online, last socket closed → offline; GET /api/members follows', async () => {
    const watcher = await connect(A.ADMIN.cookie);
    const onlineOf = async () => (await A.ADMIN.get('/api/members')).body.data.items.find((m: { userId: string }) => m.userId === A.AGENT.userId).online;
    expect(await onlineOf()).toBe(false);

    const tab1 = await connect(A.AGENT.cookie);
    const online = await watcher.waitFor((f) => f.type === 'presence' && f.data.userId === A.AGENT.userId && f.data.online === true);
    expect(online.data.onlineUserIds).toEqual(expect.arrayContaining([A.AGENT.userId, A.ADMIN.userId]));
    expect(await onlineOf()).toBe(true);
    expect(await t.app.presence.isOnline(A.AGENT.organizationId, A.AGENT.userId)).toBe(true);
    expect(await t.app.presence.isOnline(B.AGENT.organizationId, A.AGENT.userId)).toBe(false);

    const tab2 = await connect(A.AGENT.cookie);
    await tab1.close();
    await sleep(150);
    expect(await onlineOf()).toBe(true);
    await tab2.close();
    const offline = await watcher.waitFor((f) => f.type === 'presence' && f.data.userId === A.AGENT.userId && f.data.online === false);
    expect(offline.data.onlineUserIds).not.toContain(A.AGENT.userId);
    expect(await eventually(onlineOf, (v) => v === false)).toBe(false);
    // One online and one offline event for the two tabs, nothing for the second tab alone.
    expect(watcher.events('presence').filter((f) => f.data.userId === A.AGENT.userId).map((f) => f.data.online)).toEqual([true, false]);
  });
});

describe('typing', () => {
  test('broadcast to the organization as {conversationId, userId, typing}; never to another organization', async () => {
    const { conversation } = await insertConversation(t.app.db, A.ADMIN.organizationId);
    const typist = await connect(A.AGENT.cookie);
    const colleague = await connect(A.ADMIN.cookie);
    const stranger = await connect(B.ADMIN.cookie);
    typist.send({ type: 'typing', data: { conversationId: conversation.id, typing: true } });
    const got = await colleague.waitFor((f) => f.type === 'typing');
    expect(got.data).toEqual({ conversationId: conversation.id, userId: A.AGENT.userId, typing: true });
    typist.send({ type: 'typing', data: { conversationId: conversation.id, typing: false } });
    await colleague.waitFor((f) => f.type === 'typing' && f.data.typing === false);
    await sleep(100);
    expect(stranger.events('typing')).toEqual([]);
  });

  test('another organization\'s conversation, an unknown one, or a VIEWER\'s typing is not broadcast', async () => {
    const { conversation: theirs } = await insertConversation(t.app.db, B.ADMIN.organizationId);
    const { conversation: ours } = await insertConversation(t.app.db, A.ADMIN.organizationId);
    const typist = await connect(A.AGENT.cookie);
    const viewer = await connect(A.VIEWER.cookie);
    const watcherA = await connect(A.ADMIN.cookie);
    const watcherB = await connect(B.ADMIN.cookie);
    typist.send({ type: 'typing', data: { conversationId: theirs.id, typing: true } });
    typist.send({ type: 'typing', data: { conversationId: 'no-such-conversation', typing: true } });
    viewer.send({ type: 'typing', data: { conversationId: ours.id, typing: true } });
    // A valid frame last: once it arrives, the earlier ones have been handled.
    typist.send({ type: 'typing', data: { conversationId: ours.id, typing: true } });
    await watcherA.waitFor((f) => f.type === 'typing');
    await sleep(100);
    expect(watcherA.events('typing').map((f) => f.data)).toEqual([{ conversationId: ours.id, userId: A.AGENT.userId, typing: true }]);
    expect(watcherB.events('typing')).toEqual([]);
  });

  test('garbage frames are ignored and the socket stays usable', async () => {
    const { conversation } = await insertConversation(t.app.db, A.ADMIN.organizationId);
    const typist = await connect(A.AGENT.cookie);
    const watcher = await connect(A.ADMIN.cookie);
    const before = watcher.events().length;
    for (const garbage of [
      'not json',
      '{"type":',
      'null',
      '42',
      '[]',
      {},
      { type: 'typing' },
      { type: 'typing', data: { conversationId: conversation.id, typing: 'yes' } },
      { type: 'typing', data: { conversationId: conversation.id, typing: true, extra: 1 } },
      { type: 'subscribe', data: { organizationId: B.ADMIN.organizationId } },
      { type: 'typing', data: { conversationId: 'x'.repeat(5000), typing: true } },
      Buffer.from([0xff, 0x00, 0x13]),
    ]) {
      typist.send(garbage);
    }
    typist.send({ type: 'typing', data: { conversationId: conversation.id, typing: true } });
    const got = await watcher.waitFor((f) => f.type === 'typing');
    expect(got.data).toEqual({ conversationId: conversation.id, userId: A.AGENT.userId, typing: true });
    expect(watcher.events().slice(before).map((f) => f.type)).toEqual(['typing']);
    expect(typist.ws.readyState).toBe(typist.ws.OPEN);
  });

  test('typing and presence are signals: no table is written, no seq is taken, nothing is replayed', async () => {
    const admin = await signupActor(t.app, 'ephemeral');
    const org = admin.organizationId;
    const { conversation } = await insertConversation(t.app.db, org);
    const counts = async () => (await rows<{ events: string | number; outbox: string | number; seq: string | number | null }>(t.app.db, sql`
      select (select count(*) from realtime_events where organization_id = ${org}) as events,
             (select count(*) from domain_events where organization_id = ${org}) as outbox,
             (select seq from realtime_counters where organization_id = ${org}) as seq`))[0];
    const before = await counts();
    const emit = vi.spyOn(t.app.events, 'emit');
    const watcher = await connect(admin.cookie);
    const typist = await connect(admin.cookie, {});
    typist.send({ type: 'typing', data: { conversationId: conversation.id, typing: true } });
    const typing = await watcher.waitFor((f) => f.type === 'typing');
    expect(typing).toEqual({ type: 'typing', data: { conversationId: conversation.id, userId: admin.userId, typing: true } });
    await typist.close();
    await sleep(150);
    expect(await counts()).toEqual(before);
    expect(emit).not.toHaveBeenCalled();
    emit.mockRestore();
    // A reconnect from the start replays no signal.
    const again = await connect(admin.cookie, { since: 0 });
    expect(again.frames[0]).toEqual({ type: 'ready', seq: 0, data: { replayed: 0, resync: false } });
  });

  test('a frame over the size limit closes that socket only (1009)', async () => {
    const big = await connect(A.AGENT.cookie);
    const other = await connect(A.AGENT.cookie);
    big.send('x'.repeat(70 * 1024));
    expect((await big.closed).code).toBe(1009);
    const n = await publish(A.ADMIN.organizationId, 99);
    await other.waitFor((f) => f.seq === n.seq);
  });
});
