import { EventEmitter } from 'node:events';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, signupActor, type Actor, type TestApp } from '../../../test/helpers/app.ts';
import { createLocalPresence, type Presence } from '../../plugins/app/presence.ts';
import { CLOSE_SESSION_ENDED, CLOSE_SLOW_CONSUMER, RealtimeHub, type HubIdentity, type HubSocket } from './hub.ts';
import { eventually } from '../../../test/helpers/instances.ts';
import { publishRealtime } from './stream.ts';

/** A socket the test controls: whether it answers pings, how much it has buffered. */
class FakeSocket extends EventEmitter implements HubSocket {
  readyState = 1;
  bufferedAmount = 0;
  sent: string[] = [];
  closeCode: number | undefined;
  terminated = false;
  private readonly answersPings: boolean;
  constructor(answersPings: boolean) {
    super();
    this.answersPings = answersPings;
  }
  send(data: string) {
    this.sent.push(data);
  }
  ping() {
    if (this.answersPings) setImmediate(() => this.emit('pong'));
  }
  terminate() {
    this.terminated = true;
    this.shut();
  }
  close(code?: number) {
    this.closeCode ??= code;
    this.shut();
  }
  private shut() {
    if (this.readyState === 3) return;
    this.readyState = 3;
    setImmediate(() => this.emit('close'));
  }
  frames() {
    return this.sent.map((s) => JSON.parse(s));
  }
}

let t: TestApp;
let admin: Actor;
let presence: Presence;
let hub: RealtimeHub;
const revoked = new Set<string>();

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signupActor(t.app, 'hub');
  presence = createLocalPresence();
  hub = new RealtimeHub({
    db: t.app.db,
    bus: t.app.bus,
    presence,
    signals: t.app.events,
    log: pino({ level: 'silent' }),
    heartbeatMs: 40,
    revalidateEveryMs: 0,
    revalidate: async (cookie) => (cookie && !revoked.has(cookie) ? identity() : null),
  });
  await hub.start();
});
afterAll(async () => {
  await hub.stop();
  await t.close();
});

const identity = (): HubIdentity => ({ organizationId: admin.organizationId, userId: admin.userId, role: 'ADMIN' });

async function connect(socket: FakeSocket, cookie = 'valid') {
  await hub.connect(socket, { ...identity(), cookie });
  expect(socket.frames().some((f) => f.type === 'ready')).toBe(true);
}

describe('keepalive', () => {
  test('a socket that stops answering pings is dropped; one that answers stays', async () => {
    const dead = new FakeSocket(false);
    const alive = new FakeSocket(true);
    await connect(dead);
    await connect(alive);
    expect(hub.socketCount(admin.organizationId)).toBe(2);
    await eventually(async () => dead.terminated, Boolean, 2000, 20);
    await eventually(async () => hub.socketCount(admin.organizationId), (n) => n === 1, 2000, 20);
    expect(alive.terminated).toBe(false);
    expect(alive.closeCode).toBeUndefined();
    // Dropped sockets leave presence like closed ones: the user is still online through `alive`.
    expect(await presence.isOnline(admin.organizationId, admin.userId)).toBe(true);
    alive.close(1000);
    await eventually(() => presence.isOnline(admin.organizationId, admin.userId), (v) => v === false, 2000, 20);
  });
});

describe('session checks', () => {
  test('a socket whose session ended is closed with 4401', async () => {
    const socket = new FakeSocket(true);
    await connect(socket, 'soon-revoked');
    revoked.add('soon-revoked');
    await eventually(async () => socket.closeCode, (c) => c !== undefined, 2000, 20);
    expect(socket.closeCode).toBe(CLOSE_SESSION_ENDED);
  });
});

describe('backpressure', () => {
  test('a socket too far behind is dropped (4408) instead of buffering without bound', async () => {
    const slow = new FakeSocket(true);
    const fine = new FakeSocket(true);
    await connect(slow);
    await connect(fine);
    slow.bufferedAmount = 10 * 1024 * 1024;
    const event = await publishRealtime(t.app, admin.organizationId, 'conversation.updated', { id: 'x' });
    await eventually(async () => fine.frames().some((f) => f.seq === event.seq), Boolean, 2000, 20);
    expect(slow.closeCode).toBe(CLOSE_SLOW_CONSUMER);
    expect(slow.frames().some((f) => f.seq === event.seq)).toBe(false);
    fine.close(1000);
  });
});
