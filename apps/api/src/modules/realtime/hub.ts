import { domainEventTypes, realtimeClientFrameSchema, signalSchema, type Role, type Signal } from '@helpstack/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { EventBus } from '../../plugins/app/event-bus/index.ts';
import { SIGNAL_TOPIC, type Events } from '../../plugins/app/events.ts';
import type { Presence } from '../../plugins/app/presence.ts';
import * as q from './queries.ts';
import { REALTIME_TOPIC, type RealtimeEvent } from './stream.ts';

/** The part of a `ws` WebSocket the hub uses (a fake one in unit tests). */
export interface HubSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string): void;
  ping(): void;
  terminate(): void;
  close(code?: number, reason?: string): void;
  on(event: 'message', listener: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void): unknown;
  on(event: 'close' | 'pong', listener: () => void): unknown;
}
const OPEN = 1;

/** Close codes the dashboard can act on (4000–4999 are the application's). */
export const CLOSE_SESSION_ENDED = 4401;
export const CLOSE_SLOW_CONSUMER = 4408;
export const CLOSE_GOING_AWAY = 1001;

export interface HubIdentity {
  organizationId: string;
  userId: string;
  role: Role;
}

export interface HubOptions {
  db: Db;
  bus: EventBus;
  presence: Presence;
  /** Where typing and presence go: every instance's sockets, live only. */
  signals: Pick<Events, 'signal'>;
  log: FastifyBaseLogger;
  /** Also told of every agent typing change, e.g. to show it to the website visitor. */
  onAgentTyping?: (organizationId: string, conversationId: string, typing: boolean) => Promise<void>;
  /** Looks the connection's session up again; null ends the socket (logout, removed member). */
  revalidate?: (cookie: string | undefined) => Promise<HubIdentity | null>;
  /** Ping interval; a socket that has not answered the previous ping by the next one is dropped. */
  heartbeatMs?: number;
  revalidateEveryMs?: number;
  replayPageSize?: number;
  /** A socket whose unsent backlog exceeds this is dropped; it reconnects with `?since=` and loses nothing. */
  maxBufferedBytes?: number;
}

/** Largest client frame looked at, and how many per window a socket may send before the rest are ignored. */
const MAX_FRAME_BYTES = 4096;
const FRAME_WINDOW_MS = 10_000;
const FRAMES_PER_WINDOW = 50;
/** A repeated "still typing" from the same socket inside this window is not re-broadcast. */
const TYPING_REPEAT_MS = 2000;
const VERIFIED_CONVERSATIONS = 64;

interface Delivery {
  seq: number;
  text: string;
}

interface Client extends HubIdentity {
  socket: HubSocket;
  cookie: string | undefined;
  /** Last seq sent to this socket. */
  cursor: number;
  /** False while the replay runs: live events wait in `buffer`. */
  live: boolean;
  buffer: Delivery[];
  alive: boolean;
  closed: boolean;
  presence: Promise<unknown>;
  lastValidated: number;
  frames: { windowStart: number; count: number };
  typing: Map<string, { typing: boolean; at: number }>;
  verified: Set<string>;
}

/** One organization's events, in seq order without gaps, for the sockets of this instance. */
interface OrgStream {
  organizationId: string;
  /** Last seq emitted; null until the baseline is read. */
  last: number | null;
  clients: Set<Client>;
  /** Serialises gap filling so events leave in order. */
  chain: Promise<void>;
}

// `data` was typed when the event was emitted; the hub relays it as it was stored.
const busEventSchema = z.object({
  organizationId: z.string(),
  seq: z.number().int().min(1),
  type: z.enum(domainEventTypes),
  data: z.unknown(),
});
const busSignalSchema = z.intersection(signalSchema, z.object({ organizationId: z.string(), userId: z.string().optional() }));

const frameOf = (e: { type: string; seq: number; data: unknown }): Delivery => ({ seq: e.seq, text: JSON.stringify({ type: e.type, seq: e.seq, data: e.data }) });

/**
 * Agent sockets of this instance. Events arrive on the bus in whatever order instances published them;
 * each organization's stream re-orders them by seq and fills holes from Postgres (an event with seq n
 * is only handed out once n-1 has committed, so a hole is always readable), so a socket sees 1, 2, 3…
 */
export class RealtimeHub {
  private readonly orgs = new Map<string, OrgStream>();
  private readonly pending = new Set<Promise<unknown>>();
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly unsubscribes: (() => Promise<void>)[] = [];
  private readonly opts: Required<Omit<HubOptions, 'revalidate' | 'onAgentTyping'>> & Pick<HubOptions, 'revalidate' | 'onAgentTyping'>;

  constructor(opts: HubOptions) {
    this.opts = {
      heartbeatMs: 30_000,
      revalidateEveryMs: 60_000,
      replayPageSize: 500,
      maxBufferedBytes: 1024 * 1024,
      ...opts,
    };
  }

  async start() {
    this.unsubscribes.push(
      await this.opts.bus.subscribe(REALTIME_TOPIC, (message) => this.onBusEvent(message)),
      await this.opts.bus.subscribe(SIGNAL_TOPIC, (message) => this.onBusSignal(message)),
    );
    this.heartbeat = setInterval(() => this.beat(), this.opts.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Ends every socket as a normal disconnect (presence included) and waits for that work to finish. */
  async stop() {
    clearInterval(this.heartbeat);
    await Promise.all(this.unsubscribes.splice(0).map((unsubscribe) => unsubscribe()));
    for (const org of [...this.orgs.values()]) {
      for (const client of [...org.clients]) {
        this.disconnect(client);
        client.socket.close(CLOSE_GOING_AWAY, 'Server shutting down');
      }
    }
    await Promise.allSettled([...this.pending]);
  }

  /** Number of sockets of the organization on this instance. */
  socketCount(organizationId: string) {
    return this.orgs.get(organizationId)?.clients.size ?? 0;
  }

  async connect(socket: HubSocket, params: HubIdentity & { since?: number; cookie?: string }) {
    const { organizationId, userId } = params;
    const org = this.streamOf(organizationId);
    const client: Client = {
      organizationId,
      userId,
      role: params.role,
      socket,
      cookie: params.cookie,
      cursor: 0,
      live: false,
      buffer: [],
      alive: true,
      closed: false,
      presence: Promise.resolve(),
      lastValidated: Date.now(),
      frames: { windowStart: Date.now(), count: 0 },
      typing: new Map(),
      verified: new Set(),
    };
    // Joined before anything is read, so every event from here on is either buffered or replayed.
    org.clients.add(client);
    socket.on('close', () => this.disconnect(client));
    socket.on('pong', () => {
      client.alive = true;
    });
    socket.on('message', (data, isBinary) => this.track(this.onClientFrame(client, data, isBinary)));

    client.presence = this.track(this.announce(client, true));
    try {
      await client.presence;
      await org.chain;
      await this.replay(client, params.since);
    } catch (err) {
      this.opts.log.error({ err, organizationId }, 'realtime connect failed');
      socket.close(1011, 'Internal error');
    }
  }

  private streamOf(organizationId: string) {
    let org = this.orgs.get(organizationId);
    if (org) return org;
    const created: OrgStream = { organizationId, last: null, clients: new Set(), chain: Promise.resolve() };
    created.chain = q.currentSeq(this.opts.db, { organizationId }).then(
      (seq) => {
        created.last = seq;
      },
      (err) => this.opts.log.error({ err, organizationId }, 'reading the realtime baseline failed'),
    );
    this.orgs.set(organizationId, created);
    return created;
  }

  /** Sends what the client missed since `since`, then the ready frame, then whatever arrived meanwhile. */
  private async replay(client: Client, since: number | undefined) {
    const { db, replayPageSize } = this.opts;
    const counter = await q.currentSeq(db, { organizationId: client.organizationId });
    let cursor = since === undefined ? counter : Math.min(since, counter);
    let resync = since !== undefined && since > counter;
    let replayed = 0;
    for (let first = true; !client.closed; first = false) {
      const page = await q.eventsAfter(db, { organizationId: client.organizationId, after: cursor, limit: replayPageSize });
      // Pruned history: the client cannot be brought up to date by replay alone.
      if (first && cursor < counter && page[0]?.seq !== cursor + 1) resync = true;
      for (const event of page) {
        this.send(client, frameOf(event));
        cursor = event.seq;
        replayed++;
      }
      if (page.length < replayPageSize) break;
    }
    if (client.closed) return;
    client.cursor = cursor;
    this.send(client, { seq: cursor, text: JSON.stringify({ type: 'ready', seq: cursor, data: { replayed, resync } }) });
    client.live = true;
    for (const delivery of client.buffer) this.deliver(client, delivery);
    client.buffer = [];
  }

  private onBusEvent(message: unknown) {
    const parsed = busEventSchema.safeParse(message);
    if (!parsed.success) return;
    const event = parsed.data;
    const org = this.orgs.get(event.organizationId);
    if (!org) return;
    org.chain = org.chain
      .then(() => this.advance(org, event))
      .catch((err) => this.opts.log.error({ err, organizationId: org.organizationId }, 'realtime fan-out failed'));
  }

  /** Signals carry no seq: sent to the live sockets of the organization as they come, never buffered or replayed. */
  private onBusSignal(message: unknown) {
    const parsed = busSignalSchema.safeParse(message);
    if (!parsed.success) return;
    const { organizationId, userId, type, data } = parsed.data;
    const org = this.orgs.get(organizationId);
    if (!org) return;
    const text = JSON.stringify({ type, data } as Signal);
    for (const client of org.clients) {
      // A user-targeted signal (a notification) reaches that user's sockets only.
      if (userId !== undefined && client.userId !== userId) continue;
      if (client.live && !client.closed) this.send(client, { seq: client.cursor, text });
    }
  }

  private async advance(org: OrgStream, event: RealtimeEvent) {
    if (org.last !== null && event.seq <= org.last) return;
    if (org.last !== null && event.seq > org.last + 1) {
      const missing = await q.eventsAfter(this.opts.db, {
        organizationId: org.organizationId,
        after: org.last,
        before: event.seq,
        limit: Math.min(event.seq - org.last - 1, 1000),
      });
      for (const m of missing) this.emit(org, frameOf(m));
    }
    this.emit(org, frameOf(event));
  }

  private emit(org: OrgStream, delivery: Delivery) {
    org.last = delivery.seq;
    for (const client of org.clients) {
      if (client.live) this.deliver(client, delivery);
      else client.buffer.push(delivery);
    }
  }

  private deliver(client: Client, delivery: Delivery) {
    if (delivery.seq <= client.cursor) return;
    this.send(client, delivery);
    client.cursor = delivery.seq;
  }

  private send(client: Client, delivery: Delivery) {
    const { socket } = client;
    if (socket.readyState !== OPEN) return;
    if (socket.bufferedAmount > this.opts.maxBufferedBytes) {
      this.opts.log.warn({ userId: client.userId }, 'dropping a realtime socket that does not keep up');
      socket.close(CLOSE_SLOW_CONSUMER, 'Too far behind; reconnect with since');
      socket.terminate();
      return;
    }
    socket.send(delivery.text);
  }

  private disconnect(client: Client) {
    if (client.closed) return;
    client.closed = true;
    client.buffer = [];
    const org = this.orgs.get(client.organizationId);
    if (org) {
      org.clients.delete(client);
      if (org.clients.size === 0) this.orgs.delete(client.organizationId);
    }
    // After the connect's own presence work, so a socket that closes at once still nets to zero.
    this.track(client.presence.catch(() => {}).then(() => this.announce(client, false)));
  }

  /** Reports the socket to presence and, when that flips the user, tells the organization. */
  private async announce(client: Client, online: boolean) {
    const { presence, signals, log } = this.opts;
    const { organizationId, userId } = client;
    try {
      const flipped = online ? await presence.connected(organizationId, userId) : await presence.disconnected(organizationId, userId);
      if (!flipped) return;
      const onlineUserIds = await presence.onlineUserIds(organizationId);
      await signals.signal(organizationId, { type: 'presence', data: { userId, online, onlineUserIds } });
    } catch (err) {
      log.warn({ err, organizationId, userId, online }, 'presence update failed');
    }
  }

  private async onClientFrame(client: Client, data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) {
    if (client.closed || isBinary) return;
    const now = Date.now();
    if (now - client.frames.windowStart > FRAME_WINDOW_MS) client.frames = { windowStart: now, count: 0 };
    if (++client.frames.count > FRAMES_PER_WINDOW) return;
    const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (buf.length > MAX_FRAME_BYTES) return;
    let json: unknown;
    try {
      json = JSON.parse(buf.toString('utf8'));
    } catch {
      return;
    }
    const frame = realtimeClientFrameSchema.safeParse(json);
    if (!frame.success) return;
    await this.onTyping(client, frame.data.data);
  }

  private async onTyping(client: Client, { conversationId, typing }: { conversationId: string; typing: boolean }) {
    // A VIEWER cannot reply, so it never "types".
    if (client.role === 'VIEWER') return;
    const now = Date.now();
    const previous = client.typing.get(conversationId);
    if (previous && previous.typing === typing && now - previous.at < TYPING_REPEAT_MS) return;
    if (!client.verified.has(conversationId)) {
      if (!(await q.conversationExists(this.opts.db, { organizationId: client.organizationId, id: conversationId }))) return;
      if (client.verified.size >= VERIFIED_CONVERSATIONS) client.verified.clear();
      client.verified.add(conversationId);
    }
    if (client.closed) return;
    if (client.typing.size >= VERIFIED_CONVERSATIONS) client.typing.clear();
    client.typing.set(conversationId, { typing, at: now });
    await this.opts.signals.signal(client.organizationId, { type: 'typing', data: { conversationId, userId: client.userId, typing } });
    await this.opts.onAgentTyping?.(client.organizationId, conversationId, typing);
  }

  private beat() {
    const now = Date.now();
    for (const org of this.orgs.values()) {
      for (const client of org.clients) {
        if (!client.alive) {
          client.socket.terminate();
          this.disconnect(client);
          continue;
        }
        client.alive = false;
        client.socket.ping();
        if (this.opts.revalidate && now - client.lastValidated >= this.opts.revalidateEveryMs) {
          client.lastValidated = now;
          this.track(this.recheck(client));
        }
      }
    }
  }

  /** A socket outlives its HTTP request: logout or removal from the organization must still end it. */
  private async recheck(client: Client) {
    try {
      const identity = await this.opts.revalidate!(client.cookie);
      if (client.closed) return;
      if (!identity || identity.organizationId !== client.organizationId || identity.userId !== client.userId) {
        client.socket.close(CLOSE_SESSION_ENDED, 'Session ended');
        this.disconnect(client);
        return;
      }
      client.role = identity.role;
    } catch (err) {
      // A database hiccup is not a logout: keep the socket and look again next time.
      this.opts.log.warn({ err }, 'realtime session check failed');
    }
  }

  private track<T>(work: Promise<T>): Promise<T> {
    const guarded = work.catch((err) => {
      this.opts.log.error({ err }, 'realtime work failed');
    }) as Promise<T>;
    this.pending.add(guarded);
    void guarded.finally(() => this.pending.delete(guarded));
    return guarded;
  }
}
