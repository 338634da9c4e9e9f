import { EventEmitter } from 'node:events';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { client, twoOrganizations, type Org } from '../../../test/helpers/app.ts';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { App } from '../../app.ts';
import type { Database } from '../../db/client.ts';
import { messages } from '../../db/schema/index.ts';
import { publishRealtime } from './stream.ts';
import { buildInstance, eventually, insertConversation, insertMessage, listen, openSocket, sleep, testRedisUrl, type TestSocket } from '../../../test/helpers/instances.ts';

// CI sets TEST_REDIS_URL; locally a Redis on 127.0.0.1:6379 is used if one answers.
const redisUrl = await testRedisUrl();

describe.skipIf(!redisUrl)('two instances sharing one database and one Redis', () => {
  let database: Database;
  let one: App;
  let two: App;
  let baseOne: string;
  let baseTwo: string;
  let A: Org;
  let B: Org;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { REDIS_URL: redisUrl! };
    [one, two] = await Promise.all([buildInstance(database, { env }), buildInstance(database, { env })]);
    [baseOne, baseTwo] = await Promise.all([listen(one), listen(two)]);
    ({ A, B } = await twoOrganizations(one));
  });
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.close()));
    await sleep(100);
  });
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
    await database?.close();
  });

  async function connect(base: string, cookie: string | undefined) {
    const socket = await openSocket(base, { cookie });
    sockets.push(socket);
    await socket.ready();
    return socket;
  }

  test('the instances really are separate processes\' worth of state, joined by Redis', () => {
    expect(one.bus.scope).toBe('cluster');
    expect(one.bus.instanceId).not.toBe(two.bus.instanceId);
  });

  test('an event raised on one instance reaches sockets on the other, and only its organization\'s', async () => {
    const onTwo = await connect(baseTwo, A.AGENT.cookie);
    const onOne = await connect(baseOne, A.ADMIN.cookie);
    const otherOrg = await connect(baseTwo, B.ADMIN.cookie);
    const event = await publishRealtime(one, A.ADMIN.organizationId, 'conversation.created', { id: 'from-one' });
    expect((await onTwo.waitFor((f) => f.seq === event.seq && f.type === 'conversation.created')).data).toEqual({ id: 'from-one' });
    await onOne.waitFor((f) => f.seq === event.seq);
    await sleep(100);
    expect(otherOrg.events('conversation.created')).toEqual([]);
  });

  test('publishing on both instances at once: every socket sees one gapless sequence', async () => {
    const watchers = [await connect(baseOne, A.VIEWER.cookie), await connect(baseTwo, A.VIEWER.cookie)];
    const from = Math.max(...watchers.map((w) => w.frames[0]!.seq));
    const published = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      publishRealtime(i % 2 ? one : two, A.ADMIN.organizationId, 'message.created', { i })));
    const last = Math.max(...published.map((e) => e.seq));
    for (const w of watchers) {
      await w.waitFor((f) => f.seq === last);
      const seqs = w.events().map((f) => f.seq).filter((s) => s > from);
      expect(seqs).toEqual(Array.from({ length: last - from }, (_, i) => from + 1 + i));
      expect(w.events('message.created').map((f) => f.data.i).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    }
  });

  test('presence and members.online reflect a socket on the other instance', async () => {
    const watcher = await connect(baseOne, A.ADMIN.cookie);
    const onlineOf = async (app: App) => (await client(app, A.ADMIN.cookie).get('/api/members')).body.data.items
      .find((m: { userId: string }) => m.userId === A.AGENT.userId).online as boolean;
    expect(await onlineOf(one)).toBe(false);

    const agent = await connect(baseTwo, A.AGENT.cookie);
    await watcher.waitFor((f) => f.type === 'presence' && f.data.userId === A.AGENT.userId && f.data.online);
    expect(await one.presence.isOnline(A.AGENT.organizationId, A.AGENT.userId)).toBe(true);
    expect(await onlineOf(one)).toBe(true);
    expect(await onlineOf(two)).toBe(true);

    // A second tab on the first instance, then the first tab closes: still online, no offline event.
    const secondTab = await connect(baseOne, A.AGENT.cookie);
    await agent.close();
    await sleep(200);
    expect(await onlineOf(one)).toBe(true);
    await secondTab.close();
    await watcher.waitFor((f) => f.type === 'presence' && f.data.userId === A.AGENT.userId && !f.data.online);
    expect(await eventually(() => onlineOf(two), (v) => v === false)).toBe(false);
    expect(watcher.events('presence').filter((f) => f.data.userId === A.AGENT.userId).map((f) => f.data.online)).toEqual([true, false]);
  });

  test('typing on one instance reaches colleagues on the other', async () => {
    const { conversation } = await insertConversation(database.db, A.ADMIN.organizationId);
    const typist = await connect(baseTwo, A.AGENT.cookie);
    const colleague = await connect(baseOne, A.ADMIN.cookie);
    typist.send({ type: 'typing', data: { conversationId: conversation.id, typing: true } });
    expect((await colleague.waitFor((f) => f.type === 'typing')).data).toEqual({ conversationId: conversation.id, userId: A.AGENT.userId, typing: true });
  });

  test('a visitor socket on one instance is reachable from the other; an absent visitor answers false at once', async () => {
    const socket = Object.assign(new EventEmitter(), { readyState: 1, sent: [] as string[], send(d: string) { this.sent.push(d); } });
    const detach = two.visitorSockets.attach('channel-x', 'visitor-cluster-01', socket);
    await sleep(50); // the directory write is fire-and-forget
    expect(await one.visitorSockets.isConnected('channel-x', 'visitor-cluster-01')).toBe(true);
    expect(await one.visitorSockets.push('channel-x', 'visitor-cluster-01', { type: 'message', data: { n: 1 } })).toBe(true);
    expect(socket.sent).toEqual(['{"type":"message","data":{"n":1}}']);

    const started = Date.now();
    expect(await one.visitorSockets.push('channel-x', 'nobody-here-0001', { n: 2 })).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);

    detach();
    await sleep(50);
    expect(await one.visitorSockets.push('channel-x', 'visitor-cluster-01', { n: 3 })).toBe(false);
    expect(socket.sent).toHaveLength(1);
  });

  test('a reply to a visitor connected to the other instance is DELIVERED, whichever instance runs the job', async () => {
    const { channel, conversation } = await insertConversation(database.db, A.ADMIN.organizationId, { visitorId: 'visitor-cluster-02' });
    const socket = Object.assign(new EventEmitter(), { readyState: 1, sent: [] as string[], send(d: string) { this.sent.push(d); } });
    two.visitorSockets.attach(channel.id, 'visitor-cluster-02', socket);
    await sleep(50);
    const message = await insertMessage(database.db, conversation);
    await one.delivery.enqueue(message);
    const done = await eventually(
      async () => (await database.db.select().from(messages).where(eq(messages.id, message.id)))[0]!,
      (m) => m.status !== 'PENDING',
    );
    expect(done.status).toBe('DELIVERED');
    expect(JSON.parse(socket.sent[0]!)).toMatchObject({ type: 'message', data: { id: message.id } });
  });
});
