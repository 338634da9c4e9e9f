import type { Conversation, Message, RealtimeSignalFrame } from '@helpstack/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeConnection } from './realtime-connection.ts';

const at = '2025-01-01T12:00:00.000Z';
const conversation: Conversation = {
  id: 'c1', channelId: 'ch1', customer: null, subject: null, status: 'OPEN', priority: 'MEDIUM', assignedToId: null, language: null,
  notes: null, context: null, unread: false, unreadCount: 0, lastMessageAt: at, lastMessagePreview: null, tags: [], snoozedUntil: null, createdAt: at, updatedAt: at,
};
const message: Message = {
  id: 'm1', conversationId: 'c1', direction: 'INBOUND', senderType: 'CUSTOMER', authorId: null, content: 'hi', translatedContent: null,
  language: null, translatedLanguage: null, translationStatus: 'NONE', originalContent: null, approved: true, status: 'DELIVERED', error: null, attempts: 0, attachments: [], private: false, mentions: [], email: null, createdAt: at,
};

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
let signals: RealtimeSignalFrame[];
let connection: RealtimeConnection;

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
  events = [];
  ready = [];
  ended = 0;
  signals = [];
  connection = new RealtimeConnection({
    url: 'ws://app.test/api/realtime',
    createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
    onEvent: (frame) => events.push({ type: frame.type, seq: frame.seq }),
    onSignal: (frame) => signals.push(frame),
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
    latest().frame({ type: 'conversation.created', seq: 11, data: conversation });
    latest().frame({ type: 'message.created', seq: 12, data: message });
    expect(events.map((e) => e.seq)).toEqual([11, 12]);

    latest().close();
    expect(connection.getState()).toBe('reconnecting');
    vi.advanceTimersByTime(1000);
    expect(latest().url).toBe('ws://app.test/api/realtime?since=12');
    // The replay arrives before the new `ready`; anything already seen is dropped.
    latest().open();
    latest().frame({ type: 'message.created', seq: 12, data: message });
    latest().frame({ type: 'message.updated', seq: 13, data: message });
    latest().frame({ type: 'ready', seq: 13, data: { replayed: 1, resync: false } });
    expect(events.map((e) => e.seq)).toEqual([11, 12, 13]);
    expect(ready).toEqual([{ resync: false, first: true }, { resync: false, first: false }]);
    expect(connection.getState()).toBe('live');
  });

  it('drops frames that do not match the contract, without moving the cursor', () => {
    connection.start();
    latest().open();
    latest().frame({ type: 'ready', seq: 10, data: { replayed: 0, resync: false } });
    latest().frame({ type: 'conversation.created', seq: 11, data: {} });
    latest().frame({ type: 'message.created', seq: 12, data: { id: 'm1' } });
    latest().frame({ type: 'no.such.event', seq: 13, data: conversation });
    expect(events).toEqual([]);
    latest().close();
    vi.advanceTimersByTime(1000);
    expect(latest().url).toBe('ws://app.test/api/realtime?since=10');
  });

  it('hands typing and presence signals out live, without a seq and without moving the cursor', () => {
    connection.start();
    latest().open();
    latest().frame({ type: 'ready', seq: 10, data: { replayed: 0, resync: false } });
    const typing = { type: 'typing', data: { conversationId: 'c1', visitor: true, typing: true } } as const;
    const presence = { type: 'presence', data: { userId: 'u1', online: true, onlineUserIds: ['u1'] } } as const;
    latest().frame(typing);
    latest().frame(presence);
    expect(signals).toEqual([typing, presence]);
    expect(events).toEqual([]);
    latest().close();
    vi.advanceTimersByTime(1000);
    expect(latest().url).toBe('ws://app.test/api/realtime?since=10');
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
