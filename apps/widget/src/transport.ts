import type { ApiClient } from './api-client.ts';
import { ApiError } from './api-client.ts';
import { backoffDelay } from './backoff.ts';
import type { Outbox } from './outbox.ts';
import type { OutboxItem, VisitorClientFrame, VisitorMessage, VisitorServerFrame, WidgetConversationResponse } from './types.ts';

/**
 * - `connecting`: first connection, nothing heard from the server yet
 * - `open`: WebSocket up (history received)
 * - `reconnecting`: the WebSocket dropped, retrying with backoff
 * - `polling`: WebSockets keep failing; HTTP POST + polling the conversation instead
 * - `offline`: the browser is offline, or neither WebSocket nor HTTP gets through
 */
export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'polling' | 'offline';

export interface TransportEvents {
  /** The conversation as the server has it: on (re)connect and on every poll. */
  history(data: WidgetConversationResponse): void;
  /** A message pushed by the server (agent reply, or the visitor's own from another tab). */
  message(message: VisitorMessage): void;
  /** The server has stored an outbox message; it is out of the outbox now. */
  ack(clientMessageId: string, message: VisitorMessage | null): void;
  /** The server refused an outbox message for good (validation); it is out of the outbox now. */
  failed(clientMessageId: string, error: { code: string; message: string }): void;
  /** A retryable refusal (rate limit): the message stays queued and goes out again later. */
  delayed(clientMessageId: string): void;
  typing(typing: boolean): void;
  state(state: ConnectionState): void;
}

/** The subset of the browser WebSocket the transport uses, so tests can pass a fake. */
export type SocketLike = Pick<WebSocket, 'readyState' | 'onopen' | 'onmessage' | 'onclose' | 'onerror' | 'send' | 'close'>;
export type SocketFactory = (url: string) => SocketLike;

export interface TransportOptions {
  base: string;
  channelId: string;
  visitorId: string;
  api: Pick<ApiClient, 'sendMessage' | 'conversation'> & Partial<Pick<ApiClient, 'read'>>;
  outbox: Outbox;
  events: Partial<TransportEvents>;
  /** null: WebSockets unavailable, go straight to HTTP. */
  socket?: SocketFactory | null;
  random?: () => number;
  now?: () => number;
  /** WebSocket failures in a row (without ever getting `ready`) before switching to HTTP. */
  fallbackAfter?: number;
  /** Poll period in HTTP mode, ms. */
  pollInterval?: number;
  /** Keep-alive period, ms; a socket silent for two periods is considered dead. */
  pingInterval?: number;
  /** Give up on a socket that has not said `ready` after this long, ms. */
  connectTimeout?: number;
  /** Wait before resending a rate-limited message when the server gives no `retry-after`, ms. */
  rateLimitDelay?: number;
}

const OPEN = 1;
/** Server error codes worth retrying; anything else about a message is final. */
const RETRYABLE_CODES = new Set(['RATE_LIMITED', 'INTERNAL_ERROR', 'UPSTREAM_ERROR', 'NETWORK_ERROR', 'HTTP_ERROR']);

export function websocketUrl(base: string, channelId: string, visitorId: string): string {
  const url = new URL(`/api/widget/${encodeURIComponent(channelId)}/ws`, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('visitorId', visitorId);
  return url.href;
}

/**
 * Delivers outbox messages exactly once and streams the conversation back. WebSocket first, with
 * jittered exponential backoff; after `fallbackAfter` failed attempts, HTTP POST + polling while the
 * socket keeps being retried in the background. Everything sent stays in the outbox (storage) until
 * the server acknowledges it — by `ack`, by HTTP 201, or by the message showing up in a history — so
 * a drop, a reload or an offline spell loses nothing; resending is safe because the server
 * de-duplicates on clientMessageId.
 */
export class Transport {
  private readonly o: Required<Omit<TransportOptions, 'socket' | 'events'>> & Pick<TransportOptions, 'socket' | 'events'>;
  private ws: SocketLike | null = null;
  private ready = false;
  private started = false;
  private stopped = false;
  private online = true;
  private http = false;
  private failures = 0;
  private attempt = 0;
  private everReady = false;
  private lastFrameAt = 0;
  /** Sent on the current socket and not yet acknowledged. */
  private sentOnSocket = new Set<string>();
  /** Rate-limited: not before this time. */
  private holdUntil = new Map<string, number>();
  private posting = false;
  private polling = false;
  private state: ConnectionState = 'idle';
  private timers: Record<'reconnect' | 'poll' | 'ping' | 'connect' | 'hold', ReturnType<typeof setTimeout> | undefined> = {
    reconnect: undefined,
    poll: undefined,
    ping: undefined,
    connect: undefined,
    hold: undefined,
  };

  constructor(options: TransportOptions) {
    this.o = {
      random: Math.random,
      now: Date.now,
      fallbackAfter: 3,
      pollInterval: 4000,
      pingInterval: 25_000,
      connectTimeout: 10_000,
      rateLimitDelay: 5000,
      ...options,
    };
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** Connects (once). Called at boot when there is a conversation or an outbox, else on first use. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.setState(this.online ? 'connecting' : 'offline');
    if (this.online) this.connect();
  }

  /** Queues a visitor message; it stays in the outbox until the server has it. */
  send(item: OutboxItem): void {
    this.o.outbox.add(item);
    if (!this.started) this.start();
    else this.flush();
  }

  /** Best effort, WebSocket only: typing over HTTP would cost a request per keystroke burst. */
  typing(typing: boolean): void {
    this.frame({ type: 'typing', data: { typing } });
  }

  /** What the visitor has seen (read receipts): over the socket, else one HTTP call; best effort either way. */
  read(messageId: string): void {
    if (!this.frame({ type: 'read', data: { messageId } })) void this.o.api.read?.(this.o.visitorId, messageId).catch(() => {});
  }

  /** Retry everything now (e.g. the visitor pressed "retry"). */
  retryNow(): void {
    this.holdUntil.clear();
    this.attempt = 0;
    if (!this.ws && this.started && this.online) {
      this.clear('reconnect');
      this.connect();
    }
    this.flush();
  }

  /** From the browser's `online`/`offline` events. */
  setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    if (!this.started || this.stopped) return;
    if (!online) {
      // Browsers may keep a dead socket "open" for minutes after the network goes: drop it now.
      this.dropSocket();
      this.clear('reconnect');
      this.clear('poll');
      this.setState('offline');
      return;
    }
    this.attempt = 0;
    this.setState(this.http ? 'polling' : this.everReady ? 'reconnecting' : 'connecting');
    this.clear('reconnect');
    this.connect();
    if (this.http) void this.poll();
  }

  stop(): void {
    this.stopped = true;
    this.dropSocket();
    for (const k of Object.keys(this.timers) as (keyof Transport['timers'])[]) this.clear(k);
    this.setState('idle');
  }

  // ---- WebSocket ----------------------------------------------------------------------------

  private connect(): void {
    if (this.ws || this.stopped || !this.online) return;
    if (!this.o.socket) return this.enterHttp();
    let ws: SocketLike;
    try {
      ws = this.o.socket(websocketUrl(this.o.base, this.o.channelId, this.o.visitorId));
    } catch {
      return this.socketDown(false);
    }
    this.ws = ws;
    this.sentOnSocket.clear();
    this.lastFrameAt = this.o.now();
    this.timers.connect = setTimeout(() => {
      if (this.ws === ws && !this.ready) this.abandon(ws);
    }, this.o.connectTimeout);
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      this.lastFrameAt = this.o.now();
      let frame: VisitorServerFrame;
      try {
        frame = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      this.onFrame(frame);
    };
    ws.onclose = () => {
      if (this.ws === ws) this.socketDown(this.ready);
    };
    ws.onerror = () => {
      /* a close event follows */
    };
  }

  /** Closes a socket we no longer trust and treats it as dropped. */
  private abandon(ws: SocketLike): void {
    if (this.ws !== ws) return;
    const wasReady = this.ready;
    this.dropSocket();
    this.socketDown(wasReady, true);
  }

  private dropSocket(): void {
    const ws = this.ws;
    this.ws = null;
    this.ready = false;
    this.clear('ping');
    this.clear('connect');
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try {
        ws.close();
      } catch {
        /* already closed */
      }
    }
  }

  private socketDown(wasReady: boolean, alreadyDropped = false): void {
    if (!alreadyDropped) this.dropSocket();
    if (this.stopped) return;
    if (wasReady) {
      this.failures = 0;
      this.attempt = 0;
    } else {
      this.failures++;
    }
    if (!this.online) return this.setState('offline');
    if (this.failures >= this.o.fallbackAfter && !this.http) this.enterHttp();
    else if (!this.http) this.setState(this.everReady ? 'reconnecting' : 'connecting');
    this.clear('reconnect');
    this.timers.reconnect = setTimeout(() => this.connect(), backoffDelay(this.attempt++, { random: this.o.random }));
  }

  private onFrame(frame: VisitorServerFrame): void {
    switch (frame.type) {
      case 'ready': {
        this.ready = true;
        this.everReady = true;
        this.failures = 0;
        this.attempt = 0;
        this.clear('connect');
        this.leaveHttp();
        this.setState('open');
        this.schedulePing();
        this.onHistory(frame.data);
        return;
      }
      case 'message':
        this.o.events.message?.(frame.data);
        if (frame.data.clientMessageId && this.o.outbox.has(frame.data.clientMessageId)) this.acked(frame.data.clientMessageId, frame.data);
        return;
      case 'ack':
        this.acked(frame.data.clientMessageId, frame.data.message);
        return;
      case 'typing':
        this.o.events.typing?.(Boolean(frame.data.typing));
        return;
      case 'error': {
        const cid = frame.data.clientMessageId;
        if (!cid) return;
        this.sentOnSocket.delete(cid);
        if (RETRYABLE_CODES.has(frame.data.code)) this.hold(cid, this.o.rateLimitDelay);
        else this.refused(cid, frame.data);
        return;
      }
      case 'pong':
      default:
        return;
    }
  }

  private schedulePing(): void {
    this.clear('ping');
    this.timers.ping = setTimeout(() => {
      const ws = this.ws;
      if (!ws || !this.ready) return;
      if (this.o.now() - this.lastFrameAt > this.o.pingInterval * 2) return this.abandon(ws);
      this.frame({ type: 'ping' });
      this.schedulePing();
    }, this.o.pingInterval);
  }

  private frame(frame: VisitorClientFrame): boolean {
    const ws = this.ws;
    if (!ws || !this.ready || ws.readyState !== OPEN) return false;
    try {
      ws.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  // ---- HTTP fallback ------------------------------------------------------------------------

  private enterHttp(): void {
    if (this.http) return;
    this.http = true;
    this.setState(this.online ? 'polling' : 'offline');
    void this.poll();
  }

  private leaveHttp(): void {
    this.http = false;
    this.clear('poll');
  }

  private async poll(): Promise<void> {
    if (!this.http || this.polling || this.stopped || !this.online) return;
    this.polling = true;
    this.clear('poll');
    try {
      const data = await this.o.api.conversation(this.o.visitorId);
      if (!this.http || this.stopped) return;
      this.setState('polling');
      this.onHistory(data);
    } catch {
      if (this.http && !this.stopped) this.setState('offline');
    } finally {
      this.polling = false;
      if (this.http && !this.stopped && this.online) this.timers.poll = setTimeout(() => void this.poll(), this.o.pollInterval);
    }
  }

  private async postOutbox(): Promise<void> {
    if (this.posting) return;
    this.posting = true;
    try {
      for (;;) {
        if (!this.http || this.stopped || !this.online || this.ready) return;
        const item = this.nextDue(() => true);
        if (!item) return;
        try {
          const res = await this.o.api.sendMessage({
            channelId: this.o.channelId,
            visitorId: this.o.visitorId,
            clientMessageId: item.clientMessageId,
            content: item.content,
            ...(item.attachments?.length ? { attachments: item.attachments } : {}),
            ...(item.name ? { name: item.name } : {}),
            ...(item.email ? { email: item.email } : {}),
            ...(item.context ? { context: item.context } : {}),
          });
          this.acked(item.clientMessageId, res.message);
          if (this.state === 'offline') this.setState('polling');
        } catch (error) {
          const e = error instanceof ApiError ? error : new ApiError(String(error), 0, 'NETWORK_ERROR');
          if (e.status === 409) {
            // Already stored (a duplicate clientMessageId): the next history shows it.
            this.acked(item.clientMessageId, null);
          } else if (e.retryable) {
            if (e.status === 429) this.hold(item.clientMessageId, (e.retryAfter ?? this.o.rateLimitDelay / 1000) * 1000);
            else if (e.status === 0) this.setState('offline');
            return; // the next poll tries again
          } else {
            this.refused(item.clientMessageId, e);
          }
        }
      }
    } finally {
      this.posting = false;
    }
  }

  // ---- outbox -------------------------------------------------------------------------------

  private onHistory(data: WidgetConversationResponse): void {
    this.o.events.history?.(data);
    // A message the server already has was acknowledged on a connection that dropped: done.
    for (const m of data.messages) if (m.clientMessageId && this.o.outbox.has(m.clientMessageId)) this.acked(m.clientMessageId, m);
    this.flush();
  }

  private flush(): void {
    if (this.stopped || !this.online) return;
    if (this.ready) {
      for (;;) {
        const item = this.nextDue((i) => !this.sentOnSocket.has(i.clientMessageId));
        if (!item) return;
        this.sentOnSocket.add(item.clientMessageId);
        const sent = this.frame({
          type: 'message',
          data: {
            clientMessageId: item.clientMessageId,
            content: item.content,
            ...(item.attachments?.length ? { attachments: item.attachments } : {}),
            ...(item.name ? { name: item.name } : {}),
            ...(item.email ? { email: item.email } : {}),
            ...(item.context ? { context: item.context } : {}),
          },
        });
        if (!sent) return void this.sentOnSocket.delete(item.clientMessageId);
      }
    }
    if (this.http) void this.postOutbox();
    else if (!this.ws && this.started) {
      this.clear('reconnect');
      this.connect();
    }
  }

  private nextDue(filter: (item: OutboxItem) => boolean): OutboxItem | undefined {
    const now = this.o.now();
    return this.o.outbox.list().find((i) => filter(i) && (this.holdUntil.get(i.clientMessageId) ?? 0) <= now);
  }

  private hold(cid: string, ms: number): void {
    this.holdUntil.set(cid, this.o.now() + ms);
    this.o.events.delayed?.(cid);
    this.clear('hold');
    this.timers.hold = setTimeout(() => this.flush(), ms);
  }

  private acked(cid: string, message: VisitorMessage | null): void {
    this.sentOnSocket.delete(cid);
    this.holdUntil.delete(cid);
    // Also reported when another tab already took it out of the outbox: the message still shows.
    if (this.o.outbox.remove(cid) || message) this.o.events.ack?.(cid, message);
  }

  private refused(cid: string, error: { code: string; message: string }): void {
    this.holdUntil.delete(cid);
    if (this.o.outbox.remove(cid)) this.o.events.failed?.(cid, { code: error.code, message: error.message });
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    this.o.events.state?.(state);
  }

  private clear(timer: keyof Transport['timers']): void {
    clearTimeout(this.timers[timer]);
    this.timers[timer] = undefined;
  }
}
