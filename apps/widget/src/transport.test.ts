import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-client.ts';
import { createOutbox } from './outbox.ts';
import { memoryStore } from './storage.ts';
import { Transport, websocketUrl, type ConnectionState, type SocketLike } from './transport.ts';
import type { OutboxItem, VisitorClientFrame, VisitorMessage, VisitorServerFrame } from './types.ts';

class FakeSocket implements SocketLike {
  readyState: 0 | 1 | 2 | 3 = 0;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  sent: VisitorClientFrame[] = [];
  closedByClient = false;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closedByClient = true;
    this.readyState = 3;
  }
  // server side
  accept(messages: VisitorMessage[] = []) {
    this.readyState = 1;
    this.onopen?.call(this as never, new Event('open'));
    this.push({ type: 'ready', data: { conversationId: messages.length ? 'conv1' : null, messages } });
  }
  push(frame: VisitorServerFrame) {
    this.onmessage?.call(this as never, { data: JSON.stringify(frame) } as MessageEvent);
  }
  fail() {
    this.readyState = 3;
    this.onerror?.call(this as never, new Event('error'));
    this.onclose?.call(this as never, new Event('close') as CloseEvent);
  }
  messagesSent() {
    return this.sent.filter((f) => f.type === 'message').map((f) => (f.data as { clientMessageId: string }).clientMessageId);
  }
}

const serverCopy = (item: OutboxItem, id = `srv-${item.clientMessageId}`): VisitorMessage => ({
  id,
  conversationId: 'conv1',
  direction: 'INBOUND',
  senderType: 'CUSTOMER',
  content: item.content,
  attachments: [],
  clientMessageId: item.clientMessageId,
  createdAt: new Date().toISOString(),
});
const item = (cid: string, content = `text ${cid}`): OutboxItem => ({ clientMessageId: cid, content, createdAt: new Date().toISOString() });

type Api = ConstructorParameters<typeof Transport>[0]['api'];

function setup(opts: { api?: Partial<Api>; socket?: boolean } = {}) {
  const sockets: FakeSocket[] = [];
  const store = memoryStore();
  const outbox = createOutbox(store, 'ch1');
  const states: ConnectionState[] = [];
  const acks: string[] = [];
  const failed: string[] = [];
  const history: number[] = [];
  const api = {
    conversation: vi.fn<Api['conversation']>(opts.api?.conversation ?? (async () => ({ conversationId: null, messages: [] }))),
    sendMessage: vi.fn<Api['sendMessage']>(
      opts.api?.sendMessage ??
        (async (body) => ({ conversationId: 'conv1', message: serverCopy({ clientMessageId: body.clientMessageId, content: body.content, createdAt: '' }) })),
    ),
    read: vi.fn<NonNullable<Api['read']>>(async () => ({ read: 1 })),
  };
  const transport = new Transport({
    base: 'https://support.example.com',
    channelId: 'ch1',
    visitorId: 'visitor-0123456789abcdef',
    api,
    outbox,
    random: () => 0,
    socket: opts.socket === false ? null : (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    events: {
      state: (s) => states.push(s),
      ack: (cid) => acks.push(cid),
      failed: (cid) => failed.push(cid),
      history: (h) => history.push(h.messages.length),
    },
  });
  return { transport, sockets, outbox, store, states, acks, failed, history, api, last: () => sockets.at(-1)! };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('websocketUrl', () => {
  it('maps the origin to ws(s) and carries the visitor', () => {
    expect(websocketUrl('https://a.example', 'c 1', 'v1')).toBe('wss://a.example/api/widget/c%201/ws?visitorId=v1');
    expect(websocketUrl('http://localhost:3000', 'c1', 'v1')).toBe('ws://localhost:3000/api/widget/c1/ws?visitorId=v1');
  });
});

describe('Transport over WebSocket', () => {
  it('sends queued messages after `ready` and clears them on ack', () => {
    const t = setup();
    t.transport.send(item('a'));
    expect(t.sockets).toHaveLength(1);
    expect(t.last().messagesSent()).toEqual([]); // not before `ready`
    t.last().accept();
    expect(t.last().messagesSent()).toEqual(['a']);
    expect(t.outbox.has('a')).toBe(true);
    t.last().push({ type: 'ack', data: { clientMessageId: 'a', message: serverCopy(item('a')) } });
    expect(t.outbox.has('a')).toBe(false);
    expect(t.acks).toEqual(['a']);
    expect(t.states).toEqual(['connecting', 'open']);
  });

  it('resends an unacknowledged message after a drop, and never an acknowledged one', () => {
    const t = setup();
    t.transport.start();
    t.last().accept();
    t.transport.send(item('a'));
    t.transport.send(item('b'));
    t.last().push({ type: 'ack', data: { clientMessageId: 'a', message: serverCopy(item('a')) } });
    t.last().fail(); // 'b' was sent but never acknowledged
    expect(t.states.at(-1)).toBe('reconnecting');
    vi.advanceTimersByTime(250);
    expect(t.sockets).toHaveLength(2);
    t.last().accept([serverCopy(item('a'))]);
    expect(t.last().messagesSent()).toEqual(['b']);
  });

  it('a message the server stored before the drop is acknowledged by the history, not resent', () => {
    const t = setup();
    t.transport.start();
    t.last().accept();
    t.transport.send(item('a'));
    t.last().fail();
    vi.advanceTimersByTime(250);
    t.last().accept([serverCopy(item('a'))]);
    expect(t.last().messagesSent()).toEqual([]);
    expect(t.outbox.list()).toEqual([]);
    expect(t.acks).toEqual(['a']);
  });

  it('restores an outbox left by a previous page and delivers it once', () => {
    const t = setup();
    t.outbox.add(item('left-over'));
    t.transport.start();
    t.last().accept();
    t.last().accept(); // a duplicate `ready` must not resend on the same socket
    expect(t.last().messagesSent()).toEqual(['left-over']);
  });

  it('reconnects with growing, capped delays', () => {
    const t = setup();
    t.transport.start();
    t.last().accept();
    const delays: number[] = [];
    t.last().fail();
    for (let i = 0; i < 8; i++) {
      let waited = 0;
      const before = t.sockets.length;
      while (t.sockets.length === before) vi.advanceTimersByTime(50), (waited += 50);
      delays.push(waited);
      if (i < 2) t.last().fail();
      else break;
    }
    expect(delays).toEqual([250, 500, 1000]);
  });

  it('drops the socket when the browser goes offline, and delivers on the way back once', () => {
    const t = setup();
    t.transport.start();
    const first = t.last();
    first.accept();
    t.transport.setOnline(false);
    expect(first.closedByClient).toBe(true);
    expect(t.states.at(-1)).toBe('offline');
    t.transport.send(item('offline-msg'));
    vi.advanceTimersByTime(60_000);
    expect(t.sockets).toHaveLength(1); // no attempts while offline
    t.transport.setOnline(true);
    expect(t.sockets).toHaveLength(2);
    t.last().accept();
    expect(t.last().messagesSent()).toEqual(['offline-msg']);
    t.last().push({ type: 'ack', data: { clientMessageId: 'offline-msg', message: serverCopy(item('offline-msg')) } });
    expect(t.outbox.list()).toEqual([]);
  });

  it('a refused message leaves the outbox as failed; a rate-limited one is retried later', () => {
    const t = setup();
    t.transport.start();
    t.last().accept();
    t.transport.send(item('bad'));
    t.last().push({ type: 'error', data: { code: 'VALIDATION_ERROR', message: 'too long', clientMessageId: 'bad' } });
    expect(t.failed).toEqual(['bad']);
    expect(t.outbox.has('bad')).toBe(false);

    t.transport.send(item('busy'));
    t.last().push({ type: 'error', data: { code: 'RATE_LIMITED', message: 'slow down', clientMessageId: 'busy' } });
    expect(t.outbox.has('busy')).toBe(true);
    vi.advanceTimersByTime(4999);
    expect(t.last().messagesSent()).toEqual(['bad', 'busy']);
    vi.advanceTimersByTime(1);
    expect(t.last().messagesSent()).toEqual(['bad', 'busy', 'busy']);
  });

  it('pings while idle and abandons a silent socket', () => {
    const t = setup();
    t.transport.start();
    t.last().accept();
    vi.advanceTimersByTime(25_000);
    expect(t.last().sent.map((f) => f.type)).toEqual(['ping']);
    vi.advanceTimersByTime(25_000); // 50 s without a frame: still exactly 2 periods
    vi.advanceTimersByTime(25_000);
    expect(t.last().closedByClient).toBe(true);
    expect(t.states.at(-1)).toBe('reconnecting');
  });

  it('sends typing only on an open socket', () => {
    const t = setup();
    t.transport.typing(true);
    t.transport.start();
    t.transport.typing(true);
    t.last().accept();
    t.transport.typing(false);
    expect(t.last().sent).toEqual([{ type: 'typing', data: { typing: false } }]);
  });
});

describe('Transport HTTP fallback', () => {
  it('after repeated socket failures it polls and POSTs, keeping the clientMessageId', async () => {
    const t = setup();
    t.transport.send(item('a', 'hello'));
    t.last().fail();
    await vi.advanceTimersByTimeAsync(250);
    t.last().fail();
    await vi.advanceTimersByTimeAsync(500);
    expect(t.api.sendMessage).not.toHaveBeenCalled();
    t.last().fail(); // third failure: fallback
    await vi.advanceTimersByTimeAsync(0);
    expect(t.states).toContain('polling');
    expect(t.api.conversation).toHaveBeenCalledWith('visitor-0123456789abcdef');
    expect(t.api.sendMessage).toHaveBeenCalledOnce();
    expect(t.api.sendMessage.mock.calls[0]![0]).toMatchObject({ channelId: 'ch1', clientMessageId: 'a', content: 'hello' });
    expect(t.outbox.list()).toEqual([]);
    await vi.advanceTimersByTimeAsync(4000);
    expect(t.api.conversation).toHaveBeenCalledTimes(2);
    expect(t.api.sendMessage).toHaveBeenCalledOnce();
  });

  it('goes back to the socket when it works again and stops polling', async () => {
    const t = setup();
    t.transport.start();
    for (const wait of [250, 500]) t.last().fail(), await vi.advanceTimersByTimeAsync(wait);
    t.last().fail();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.states.at(-1)).toBe('polling');
    await vi.advanceTimersByTimeAsync(1000);
    t.last().accept();
    expect(t.states.at(-1)).toBe('open');
    const polls = t.api.conversation.mock.calls.length;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(t.api.conversation.mock.calls.length).toBe(polls);
  });

  it('without WebSocket support it uses HTTP from the start; 429 waits for retry-after', async () => {
    let calls = 0;
    const t = setup({
      socket: false,
      api: {
        sendMessage: vi.fn(async (body: { clientMessageId: string; content: string }) => {
          if (++calls === 1) throw new ApiError('Too many', 429, 'RATE_LIMITED', 2);
          return { conversationId: 'conv1', message: serverCopy({ ...body, createdAt: '' }) };
        }),
      },
    });
    t.transport.send(item('a'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    expect(t.outbox.has('a')).toBe(true);
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toBe(2);
    expect(t.outbox.has('a')).toBe(false);
  });

  it('a network failure keeps the message and shows offline until a request gets through', async () => {
    let down = true;
    const t = setup({
      socket: false,
      api: {
        conversation: vi.fn(async () => {
          if (down) throw new ApiError('fetch failed', 0, 'NETWORK_ERROR');
          return { conversationId: null, messages: [] };
        }),
        sendMessage: vi.fn(async (body: { clientMessageId: string; content: string }) => {
          if (down) throw new ApiError('fetch failed', 0, 'NETWORK_ERROR');
          return { conversationId: 'conv1', message: serverCopy({ ...body, createdAt: '' }) };
        }),
      },
    });
    t.transport.send(item('a'));
    await vi.advanceTimersByTimeAsync(0);
    expect(t.states.at(-1)).toBe('offline');
    expect(t.outbox.has('a')).toBe(true);
    down = false;
    await vi.advanceTimersByTimeAsync(4000);
    expect(t.outbox.has('a')).toBe(false);
    expect(t.states.at(-1)).toBe('polling');
  });

  it('a 4xx refusal is final', async () => {
    const t = setup({
      socket: false,
      api: { sendMessage: vi.fn(async () => Promise.reject(new ApiError('Invalid', 400, 'VALIDATION_ERROR'))) },
    });
    t.transport.send(item('a'));
    await vi.advanceTimersByTimeAsync(0);
    expect(t.failed).toEqual(['a']);
    expect(t.outbox.list()).toEqual([]);
  });
});

describe('read receipts and context', () => {
  it('a read goes as a socket frame when ready, else over HTTP', () => {
    const t = setup();
    t.transport.start();
    t.transport.read('m1');
    expect(t.api.read).toHaveBeenCalledWith('visitor-0123456789abcdef', 'm1');
    t.last().accept();
    t.transport.read('m2');
    expect(t.last().sent).toContainEqual({ type: 'read', data: { messageId: 'm2' } });
    expect(t.api.read).toHaveBeenCalledTimes(1);
  });

  it('the first message carries its context on the socket and over HTTP', async () => {
    const context = { pageUrl: 'https://shop.example/p', timeZone: 'Europe/Berlin' };
    const ws = setup();
    ws.transport.start();
    ws.last().accept();
    ws.transport.send({ ...item('a'), context });
    expect(ws.last().sent.find((f) => f.type === 'message')?.data).toMatchObject({ clientMessageId: 'a', context });

    const http = setup({ socket: false });
    http.transport.start();
    http.transport.send({ ...item('b'), context });
    await vi.advanceTimersByTimeAsync(10);
    expect(http.api.sendMessage).toHaveBeenCalledWith(expect.objectContaining({ clientMessageId: 'b', context }));
  });
});
