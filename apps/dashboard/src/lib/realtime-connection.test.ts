import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeConnection } from './realtime-connection.ts';

class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
    FakeSocket.all.push(this);
  }
  open() {
    this.readyState = 1;
  }
  frame(frame: object) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  send(data: string) {
    this.sent.push(data);
  }
  close(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

let events: { type: string; seq: number }[];
let ready: { resync: boolean; first: boolean }[];
let ended: number;
let connection: RealtimeConnection;

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
  events = [];
  ready = [];
  ended = 0;
  connection = new RealtimeConnection({
    url: 'ws://app.test/api/realtime',
    createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
    onEvent: (frame) => events.push({ type: frame.type, seq: frame.seq }),
    onReady: ({ resync, first }) => ready.push({ resync, first }),
    onSessionEnded: () => ended++,
    minDelay: 100,
    maxDelay: 1000,
  });
});

afterEach(() => {
  connection.stop();
  vi.useRealTimers();
});

const latest = () => FakeSocket.all[FakeSocket.all.length - 1]!;

describe('RealtimeConnection', () => {
  it('goes live on `ready`, hands out events, and reconnects with since=<last seq>', () => {
    connection.start();
    expect(connection.getState()).toBe('connecting');
    expect(latest().url).toBe('ws://app.test/api/realtime');
    latest().open();
    latest().frame({ type: 'ready', seq: 10, data: { replayed: 0, resync: false } });
    expect(connection.getState()).toBe('live');
    latest().frame({ type: 'conversation.created', seq: 11, data: {} });
    latest().frame({ type: 'message.created', seq: 12, data: {} });
    expect(events.map((e) => e.seq)).toEqual([11, 12]);

    latest().close();
    expect(connection.getState()).toBe('reconnecting');
    vi.advanceTimersByTime(1000);
    expect(latest().url).toBe('ws://app.test/api/realtime?since=12');
    // The replay arrives before the new `ready`; anything already seen is dropped.
    latest().open();
    latest().frame({ type: 'message.created', seq: 12, data: {} });
    latest().frame({ type: 'message.updated', seq: 13, data: {} });
    latest().frame({ type: 'ready', seq: 13, data: { replayed: 1, resync: false } });
    expect(events.map((e) => e.seq)).toEqual([11, 12, 13]);
    expect(ready).toEqual([{ resync: false, first: true }, { resync: false, first: false }]);
    expect(connection.getState()).toBe('live');
  });

  it('reports resync when the server no longer has the history', () => {
    connection.start();
    latest().frame({ type: 'ready', seq: 5, data: { replayed: 0, resync: false } });
    latest().close();
    vi.advanceTimersByTime(1000);
    latest().frame({ type: 'ready', seq: 900, data: { replayed: 0, resync: true } });
    expect(ready.at(-1)).toEqual({ resync: true, first: false });
  });

  it('stops and reports a session that ended (close code 4401) instead of reconnecting', () => {
    connection.start();
    latest().close(4401);
    expect(ended).toBe(1);
    expect(connection.getState()).toBe('offline');
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('sends typing frames only while live', () => {
    connection.start();
    expect(connection.sendTyping('c1', true)).toBe(false);
    latest().open();
    latest().frame({ type: 'ready', seq: 0, data: { replayed: 0, resync: false } });
    expect(connection.sendTyping('c1', true)).toBe(true);
    expect(JSON.parse(latest().sent[0]!)).toEqual({ type: 'typing', data: { conversationId: 'c1', typing: true } });
  });

  it('backs off between failed attempts, up to the maximum', () => {
    connection.start();
    for (let i = 0; i < 6; i++) {
      latest().close();
      vi.advanceTimersByTime(1000);
    }
    expect(FakeSocket.all).toHaveLength(7);
  });
});
