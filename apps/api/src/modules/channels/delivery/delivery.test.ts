import { EventEmitter } from 'node:events';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signupActor, type Actor } from '../../../../test/helpers/app.ts';
import { createTestDatabase, rows } from '../../../../test/helpers/database.ts';
import type { App } from '../../../app.ts';
import type { Database } from '../../../db/client.ts';
import { messages } from '../../../db/schema/index.ts';
import { DELIVER_MESSAGE_QUEUE } from './plugin.ts';
import { buildInstance, eventually, insertConversation, insertMessage, sleep } from '../../../../test/helpers/instances.ts';
import type { ChannelType, DeliveryAdapter } from '../providers/delivery-types.ts';
import { PermanentDeliveryError } from './errors.ts';
import { channelTypes } from '@helpstack/contracts';
import { providers } from '../providers/index.ts';

/** A visitor's widget socket as the registry sees it. */
class FakeVisitorSocket extends EventEmitter {
  readyState = 1;
  sent: string[] = [];
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
    this.emit('close');
  }
}

const FAST = { retryLimit: 2, retryDelaySeconds: 1, retryBackoff: true, pollingIntervalSeconds: 0.5 };

let database: Database;
let app: App;
let admin: Actor;
const calls = new Map<ChannelType, number[]>();

/** Test adapters, by channel type: each records when it was called. */
function adapter(type: ChannelType, deliver: (attempt: number) => Promise<{ status: 'SENT' | 'DELIVERED'; externalId?: string }>): DeliveryAdapter {
  return {
    type,
    async deliver() {
      const times = calls.get(type) ?? [];
      calls.set(type, times);
      times.push(Date.now());
      return deliver(times.length);
    },
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildInstance(database, {
    jobs: { delivery: FAST },
    beforeReady: (a) => {
      a.delivery.registerAdapter(adapter('FACEBOOK', async () => {
        throw new Error('Graph API answered 503');
      }));
      a.delivery.registerAdapter(adapter('INSTAGRAM', async (n) => {
        if (n === 1) throw new Error('timeout');
        return { status: 'SENT', externalId: 'mid.123' };
      }));
      a.delivery.registerAdapter(adapter('WHATSAPP', async () => {
        throw new PermanentDeliveryError('Recipient is not a WhatsApp user');
      }));
    },
  });
  admin = await signupActor(app, 'delivery');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const messageOf = async (id: string, db = app.db) => (await db.select().from(messages).where(eq(messages.id, id)))[0]!;
const settled = (id: string, db = app.db) => eventually(() => messageOf(id, db), (m) => m.status !== 'PENDING', 15_000);
const updatesOf = async (organizationId: string, id: string) => {
  // Status changes commit with their event; the realtime subscriber stores it once the dispatcher has run.
  await app.events.dispatch();
  return (await rows<{ data: { id: string; status: string; error: string | null; attempts: number } }>(
    app.db,
    sql`select data from realtime_events where organization_id = ${organizationId} and type = 'message.updated' order by seq`,
  )).map((r) => r.data).filter((d) => d.id === id);
};
const jobsOf = (messageId: string) => app.queue.boss.findJobs(DELIVER_MESSAGE_QUEUE, { key: messageId });

describe('WEBSITE_CHAT', () => {
  test('a visitor with a live widget socket gets the reply pushed: DELIVERED', async () => {
    const { channel, conversation } = await insertConversation(app.db, admin.organizationId, { visitorId: 'visitor-live-0001' });
    const socket = new FakeVisitorSocket();
    app.visitorSockets.attach(channel.id, 'visitor-live-0001', socket);
    const message = await insertMessage(app.db, conversation, { content: 'Hello', translatedContent: 'Hallo' });
    await app.delivery.enqueue(message);

    const done = await settled(message.id);
    expect(done).toMatchObject({ status: 'DELIVERED', attempts: 1, error: null });
    expect(done.sentAt).toBeInstanceOf(Date);
    expect(done.deliveredAt).toBeInstanceOf(Date);
    expect(socket.sent.map((s) => JSON.parse(s))).toEqual([
      { type: 'message', data: expect.objectContaining({ id: message.id, conversationId: conversation.id, content: 'Hallo', direction: 'OUTBOUND', senderType: 'AGENT' }) },
    ]);
    const updates = await updatesOf(admin.organizationId, message.id);
    expect(updates.map((u) => u.status)).toEqual(['DELIVERED']);
  });

  test('no live socket: SENT, held for the visitor\'s next poll', async () => {
    const { channel, conversation } = await insertConversation(app.db, admin.organizationId, { visitorId: 'visitor-gone-0001' });
    const socket = new FakeVisitorSocket();
    app.visitorSockets.attach(channel.id, 'visitor-gone-0001', socket);
    socket.close();
    const message = await insertMessage(app.db, conversation);
    await app.delivery.enqueue(message);
    const done = await settled(message.id);
    expect(done).toMatchObject({ status: 'SENT', attempts: 1, deliveredAt: null });
    expect(socket.sent).toEqual([]);
    expect((await updatesOf(admin.organizationId, message.id)).map((u) => u.status)).toEqual(['SENT']);
  });

  test('a private note (CONTRACT §12) is never sent, even when it reaches the queue as PENDING', async () => {
    const { channel, conversation } = await insertConversation(app.db, admin.organizationId, { visitorId: 'visitor-note-0001' });
    const socket = new FakeVisitorSocket();
    app.visitorSockets.attach(channel.id, 'visitor-note-0001', socket);
    const note = await insertMessage(app.db, conversation, { content: 'Internal: refund approved', private: true, status: 'PENDING' });
    await app.delivery.enqueue(note);
    await eventually(() => jobsOf(note.id), (jobs) => jobs[0]?.state === 'completed');
    expect(await messageOf(note.id)).toMatchObject({ status: 'PENDING', attempts: 0, sentAt: null });
    expect(socket.sent).toEqual([]);
    socket.close();
  });

  test('enqueuing twice sends once', async () => {
    const { channel, conversation } = await insertConversation(app.db, admin.organizationId, { visitorId: 'visitor-twice-001' });
    const socket = new FakeVisitorSocket();
    app.visitorSockets.attach(channel.id, 'visitor-twice-001', socket);
    const message = await insertMessage(app.db, conversation);
    await Promise.all([app.delivery.enqueue(message), app.delivery.enqueue(message)]);
    await app.delivery.enqueue(message);
    await settled(message.id);
    await sleep(1500);
    expect((await messageOf(message.id)).attempts).toBe(1);
    expect(socket.sent).toHaveLength(1);
  });
});

describe('retries', () => {
  test('a failing channel is retried with backoff, then FAILED with the error after the last attempt', async () => {
    const { conversation } = await insertConversation(app.db, admin.organizationId, { type: 'FACEBOOK' });
    const message = await insertMessage(app.db, conversation);
    await app.delivery.enqueue(message);
    const done = await settled(message.id);
    expect(done).toMatchObject({ status: 'FAILED', attempts: FAST.retryLimit + 1, error: 'Graph API answered 503' });

    const times = calls.get('FACEBOOK')!;
    expect(times).toHaveLength(3);
    // Each retry waited at least the configured delay.
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(900);
    // The message is FAILED inside the job's last attempt; pg-boss records the job's end just after.
    await expect.poll(async () => (await jobsOf(message.id))[0]?.state).toBe('failed');
    const [job] = await jobsOf(message.id);
    expect(job).toMatchObject({ state: 'failed', retryLimit: 2, retryCount: 2, retryBackoff: true, retryDelay: 1 });
    // Agents see every attempt: two errors while retrying, then the failure.
    const updates = await updatesOf(admin.organizationId, message.id);
    expect(updates.map((u) => [u.status, u.attempts, u.error])).toEqual([
      ['PENDING', 1, 'Graph API answered 503'],
      ['PENDING', 2, 'Graph API answered 503'],
      ['FAILED', 3, 'Graph API answered 503'],
    ]);
  });

  test('a transient failure then a success: SENT, error cleared, provider id kept', async () => {
    const { conversation } = await insertConversation(app.db, admin.organizationId, { type: 'INSTAGRAM' });
    const message = await insertMessage(app.db, conversation);
    await app.delivery.enqueue(message);
    const done = await settled(message.id);
    expect(done).toMatchObject({ status: 'SENT', attempts: 2, error: null, externalId: 'mid.123' });
  });

  test('a permanent error fails at once, without retries', async () => {
    const { conversation } = await insertConversation(app.db, admin.organizationId, { type: 'WHATSAPP' });
    const message = await insertMessage(app.db, conversation);
    await app.delivery.enqueue(message);
    const done = await settled(message.id);
    expect(done).toMatchObject({ status: 'FAILED', attempts: 1, error: 'Recipient is not a WhatsApp user' });
    await sleep(1500);
    expect(calls.get('WHATSAPP')).toHaveLength(1);
  });

  test('every channel type has a sender: no reply fails for want of one', () => {
    expect(channelTypes.filter((type) => !providers.some((p) => p.type === type && p.deliver))).toEqual([]);
  });
});

describe('what is not delivered', () => {
  test('a job naming another organization touches nothing (tenancy)', async () => {
    const other = await signupActor(app, 'other');
    const { conversation } = await insertConversation(app.db, admin.organizationId);
    const message = await insertMessage(app.db, conversation);
    await app.queue.send(DELIVER_MESSAGE_QUEUE, { messageId: message.id, organizationId: other.organizationId }, { singletonKey: message.id });
    await eventually(() => jobsOf(message.id), (jobs) => jobs[0]?.state === 'completed');
    expect(await messageOf(message.id)).toMatchObject({ status: 'PENDING', attempts: 0 });
  });

  test('INBOUND and unapproved messages are left alone', async () => {
    const { conversation } = await insertConversation(app.db, admin.organizationId);
    const inbound = await insertMessage(app.db, conversation, { direction: 'INBOUND', senderType: 'CUSTOMER' });
    const unapproved = await insertMessage(app.db, conversation, { approved: false });
    await app.delivery.enqueue(inbound);
    await app.delivery.enqueue(unapproved);
    for (const m of [inbound, unapproved]) {
      await eventually(() => jobsOf(m.id), (jobs) => jobs[0]?.state === 'completed');
      expect(await messageOf(m.id)).toMatchObject({ status: 'PENDING', attempts: 0 });
    }
    // Approved later, it goes out: the finished job does not block a new one.
    await app.db.update(messages).set({ approved: true }).where(and(eq(messages.id, unapproved.id), eq(messages.organizationId, admin.organizationId)));
    await app.delivery.enqueue(unapproved);
    expect((await settled(unapproved.id)).status).toBe('SENT');
  });
});

describe('visitor socket registry', () => {
  test('push reaches every open socket of the visitor and reports whether any took it', async () => {
    const one = new FakeVisitorSocket();
    const two = new FakeVisitorSocket();
    const detach = app.visitorSockets.attach('ch-1', 'visitor-a', one);
    app.visitorSockets.attach('ch-1', 'visitor-a', two);
    expect(await app.visitorSockets.isConnected('ch-1', 'visitor-a')).toBe(true);
    expect(await app.visitorSockets.push('ch-1', 'visitor-a', { type: 'message', data: { n: 1 } })).toBe(true);
    expect([one.sent, two.sent]).toEqual([['{"type":"message","data":{"n":1}}'], ['{"type":"message","data":{"n":1}}']]);
    // Another visitor, or the same visitor id on another channel, is someone else.
    expect(await app.visitorSockets.push('ch-1', 'visitor-b', { n: 2 })).toBe(false);
    expect(await app.visitorSockets.push('ch-2', 'visitor-a', { n: 2 })).toBe(false);
    detach();
    two.close();
    expect(await app.visitorSockets.push('ch-1', 'visitor-a', { n: 3 })).toBe(false);
    expect(await app.visitorSockets.isConnected('ch-1', 'visitor-a')).toBe(false);
    expect(one.sent).toHaveLength(1);
  });
});

// Own databases: no other instance may pick these jobs up before the one under test.
describe('crash safety', () => {
  test('an instance that shuts down mid-attempt hands the message to the next instance', async () => {
    const db = await createTestDatabase();
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    const first = await buildInstance(db, {
      jobs: { queue: { stopTimeoutMs: 300 }, delivery: { retryDelaySeconds: 1, retryBackoff: false, pollingIntervalSeconds: 0.5 } },
      beforeReady: (a) => a.delivery.registerAdapter({
        type: 'TELEGRAM',
        // Hangs until the shutdown aborts it, like a provider call cut off by a deploy.
        deliver: (ctx) => new Promise((_resolve, reject) => {
          started();
          ctx.signal.addEventListener('abort', () => reject(new Error('aborted')));
        }),
      }),
    });
    let second: App | undefined;
    try {
      const owner = await signupActor(first, 'crash');
      const { conversation } = await insertConversation(db.db, owner.organizationId, { type: 'TELEGRAM' });
      const message = await insertMessage(db.db, conversation);
      await first.delivery.enqueue(message);
      await inFlight;
      await first.close();
      expect(await messageOf(message.id, db.db)).toMatchObject({ status: 'PENDING', attempts: 1 });

      second = await buildInstance(db, {
        jobs: { delivery: { pollingIntervalSeconds: 0.5 } },
        beforeReady: (a) => a.delivery.registerAdapter({ type: 'TELEGRAM', deliver: async () => ({ status: 'SENT', externalId: 'tg-1' }) }),
      });
      const done = await settled(message.id, db.db);
      expect(done).toMatchObject({ status: 'SENT', attempts: 2, externalId: 'tg-1', error: null });
    } finally {
      await first.close();
      await second?.close();
      await db.close();
    }
  });

  test('a job left running by a crashed instance expires and another instance delivers it', async () => {
    const db = await createTestDatabase();
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    let release!: () => void;
    const never = new Promise<never>((_resolve, reject) => (release = () => reject(new Error('released'))));
    never.catch(() => {});
    const crashed = await buildInstance(db, {
      jobs: { queue: { stopTimeoutMs: 100 }, delivery: { expireInSeconds: 1, retryDelaySeconds: 1, retryBackoff: false, pollingIntervalSeconds: 0.5 } },
      beforeReady: (a) => a.delivery.registerAdapter({
        type: 'TELEGRAM',
        // Ignores the abort signal: the process is "gone", nothing on it answers any more.
        deliver: () => {
          started();
          return never;
        },
      }),
    });
    let survivor: App | undefined;
    try {
      const owner = await signupActor(crashed, 'crash');
      const { conversation } = await insertConversation(db.db, owner.organizationId, { type: 'TELEGRAM' });
      const message = await insertMessage(db.db, conversation);
      await crashed.delivery.enqueue(message);
      await inFlight;
      // The crash: this instance takes no more jobs and never finishes the one it holds (no shutdown runs).
      await crashed.queue.boss.offWork(DELIVER_MESSAGE_QUEUE, { wait: false });

      survivor = await buildInstance(db, {
        jobs: { queue: { superviseIntervalSeconds: 1, monitorIntervalSeconds: 1 }, delivery: { expireInSeconds: 1, pollingIntervalSeconds: 0.5 } },
        beforeReady: (a) => a.delivery.registerAdapter({ type: 'TELEGRAM', deliver: async () => ({ status: 'DELIVERED' }) }),
      });
      const done = await settled(message.id, db.db);
      expect(done).toMatchObject({ status: 'DELIVERED', attempts: 2 });
    } finally {
      release();
      await survivor?.close();
      await crashed.close();
      await db.close();
    }
  });
});
