import { realtimeServerFrameSchema, type RealtimeEventFrame, type RealtimeReadyFrame, type RealtimeSignalFrame } from '@helpstack/contracts';

/**
 * The agent's WebSocket to `/api/realtime` (CONTRACT §4): reconnects with backoff and `?since=<last seq>`
 * so nothing is missed across a drop, reports its state for the UI, and carries typing frames out.
 */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

export type ReadyInfo = RealtimeReadyFrame['data'] & {
  /** The first `ready` of this connection object (nothing was seen before it). */
  first: boolean;
};

export type RealtimeConnectionOptions = {
  /** ws(s):// URL of the stream; `since` is appended when resuming. */
  url: string;
  /** A numbered domain event (live or replayed), each seq once. */
  onEvent: (frame: RealtimeEventFrame) => void;
  /** A live typing or presence signal: not numbered, never replayed. */
  onSignal?: (frame: RealtimeSignalFrame) => void;
  onReady?: (info: ReadyInfo) => void;
  /** The server closed with 4401: the session is gone (logout elsewhere, member removed). */
  onSessionEnded?: () => void;
  createSocket?: (url: string) => WebSocket;
  /** Backoff bounds in ms. */
  minDelay?: number;
  maxDelay?: number;
};

const CLOSE_SESSION_ENDED = 4401;

export class RealtimeConnection {
  private readonly options: Required<Omit<RealtimeConnectionOptions, 'onReady' | 'onSessionEnded' | 'onSignal'>> &
    Pick<RealtimeConnectionOptions, 'onReady' | 'onSessionEnded' | 'onSignal'>;
  private socket: WebSocket | null = null;
  private lastSeq: number | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private hadReady = false;
  private state: ConnectionState = 'offline';
  private readonly listeners = new Set<() => void>();

  constructor(options: RealtimeConnectionOptions) {
    this.options = {
      createSocket: (url) => new WebSocket(url),
      minDelay: 500,
      maxDelay: 15_000,
      ...options,
    };
  }

  /** For useSyncExternalStore. */
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = () => this.state;

  /** The seq to resume from, once the server has told us one. */
  get seq() {
    return this.lastSeq;
  }

  start() {
    if (this.running) return;
    this.running = true;
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onOnline);
      window.addEventListener('offline', this.onOffline);
    }
    this.open();
  }

  stop() {
    this.running = false;
    clearTimeout(this.timer);
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onOnline);
      window.removeEventListener('offline', this.onOffline);
    }
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'Signed out');
    this.setState('offline');
  }

  /** Tells the organization this agent is (not) typing in a conversation; dropped while disconnected. */
  sendTyping(conversationId: string, typing: boolean) {
    if (this.socket?.readyState !== 1 || this.state !== 'live') return false;
    this.socket.send(JSON.stringify({ type: 'typing', data: { conversationId, typing } }));
    return true;
  }

  private setState(state: ConnectionState) {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  private open() {
    if (!this.running) return;
    clearTimeout(this.timer);
    this.setState(this.hadReady ? 'reconnecting' : 'connecting');
    const url = this.lastSeq === null ? this.options.url : `${this.options.url}${this.options.url.includes('?') ? '&' : '?'}since=${this.lastSeq}`;
    let socket: WebSocket;
    try {
      socket = this.options.createSocket(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onmessage = (event) => {
      if (this.socket !== socket) return;
      this.onFrame(typeof event.data === 'string' ? event.data : '');
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (event.code === CLOSE_SESSION_ENDED) {
        this.running = false;
        this.setState('offline');
        this.options.onSessionEnded?.();
        return;
      }
      this.scheduleReconnect();
    };
    // An error is always followed by close; reconnecting happens there.
    socket.onerror = () => {};
  }

  private onFrame(text: string) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    // The contract's frame schema, not a hand-written guard: a frame that does not match is dropped.
    const parsed = realtimeServerFrameSchema.safeParse(json);
    if (!parsed.success) return;
    const frame = parsed.data;
    if (frame.type === 'ready') {
      const first = !this.hadReady;
      this.hadReady = true;
      this.attempt = 0;
      this.lastSeq = frame.seq;
      this.setState('live');
      this.options.onReady?.({ ...frame.data, first });
      return;
    }
    if (!('seq' in frame)) {
      this.handOut(() => this.options.onSignal?.(frame));
      return;
    }
    // Replayed events arrive before `ready`; both advance the cursor.
    if (this.lastSeq !== null && frame.seq <= this.lastSeq) return;
    this.lastSeq = frame.seq;
    this.handOut(() => this.options.onEvent(frame));
  }

  private handOut(handler: () => void) {
    try {
      handler();
    } catch (error) {
      console.error('realtime event handler failed', error);
    }
  }

  private scheduleReconnect() {
    if (!this.running) return;
    this.setState(typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : 'reconnecting');
    const base = Math.min(this.options.maxDelay, this.options.minDelay * 2 ** this.attempt);
    this.attempt++;
    // Jitter spreads a fleet of agents reconnecting after a deploy.
    const delay = base / 2 + Math.random() * (base / 2);
    this.timer = setTimeout(() => this.open(), delay);
  }

  private readonly onOnline = () => {
    if (!this.running || this.socket) return;
    this.attempt = 0;
    this.open();
  };

  private readonly onOffline = () => {
    this.setState('offline');
  };
}
