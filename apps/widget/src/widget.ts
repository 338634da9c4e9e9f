import { ApiError, createApiClient, type ApiClient } from './api-client.ts';
import type { CommandHandlers, WidgetEvent } from './command-queue.ts';
import { visitorContext } from './context.ts';
import { format, resolveLanguage, stringsFor } from './i18n.ts';
import { countUnread, latestTimestamp, mergeMessages, withPending } from './message-list.ts';
import { createOutbox, type Outbox } from './outbox.ts';
import { readJson, safeLocalStorage, storageKey, uuid, visitorIdFor, type KeyValueStore } from './storage.ts';
import { normalizeHex } from './theme.ts';
import { Transport, type ConnectionState } from './transport.ts';
import type { ChatItem, OutboxItem, VisitorMessage, WidgetConfigResponse, WidgetConversationResponse, WidgetStatusResponse } from './types.ts';
import { ChatView, type ConnectionLine } from './ui/view.ts';

export interface BootOptions {
  channelId: string;
  /** Origin of the API (where the script came from). */
  base: string;
  css: string;
}

type Identity = { name?: string; email?: string; userId?: string; userHash?: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const STATUS_TTL = 60_000;
/** While the chat is open, the online dot follows the agents within this long. */
const STATUS_LIVE = 20_000;
const TYPING_IDLE = 2500;
const TYPING_REPEAT = 3000;
const AGENT_TYPING_TIMEOUT = 10_000;

/**
 * The widget: fetches the channel's config, mounts the view, and connects view, transport and
 * storage. Commands can arrive before the config has loaded; they act on state the view picks up.
 */
export class Widget implements CommandHandlers {
  private readonly store: KeyValueStore;
  private readonly api: ApiClient;
  private readonly visitorId: string;
  private readonly outbox: Outbox;
  private readonly transport: Transport;
  private view: ChatView | null = null;
  private config: WidgetConfigResponse | null = null;
  private messages: ChatItem[] = [];
  private conversationId: string | null;
  private isOpen = false;
  private seenAt: string | null;
  private identity: Identity;
  private pendingDraft: string | null = null;
  private knownIds = new Set<string>();
  private historyLoaded = false;
  private notes = new Map<string, string>();
  private connection: ConnectionState = 'idle';
  private statusAt = 0;
  private status: WidgetStatusResponse | null = null;
  private listeners = new Map<WidgetEvent, Set<(payload?: unknown) => void>>();
  private typingSentAt = 0;
  private timers: Record<'typingIdle' | 'agentTyping' | 'status', ReturnType<typeof setTimeout> | undefined> = { typingIdle: undefined, agentTyping: undefined, status: undefined };
  private readId: string | null = null;
  private emailLeft: string | null;
  private readonly onAttention = () => this.render();
  private destroyed = false;
  private booting = true;
  private strings = stringsFor('en');
  private readonly onOnline = () => this.transport.setOnline(true);
  private readonly onOffline = () => this.transport.setOnline(false);

  private readonly options: BootOptions;

  constructor(options: BootOptions) {
    this.options = options;
    const { channelId, base } = options;
    this.store = safeLocalStorage();
    this.api = createApiClient(base, channelId);
    this.visitorId = visitorIdFor(this.store, channelId);
    this.outbox = createOutbox(this.store, channelId);
    this.conversationId = this.store.getItem(this.key('conversation'));
    this.seenAt = this.store.getItem(this.key('seen'));
    this.identity = readJson<Identity>(this.store, this.key('identity'), {});
    this.emailLeft = this.store.getItem(this.key('email'));
    this.transport = new Transport({
      base,
      channelId,
      visitorId: this.visitorId,
      api: this.api,
      outbox: this.outbox,
      socket: typeof WebSocket === 'function' ? (url) => new WebSocket(url) : null,
      events: {
        history: (data) => this.onHistory(data),
        message: (m) => this.onIncoming([m]),
        ack: (cid, m) => {
          this.notes.delete(`c:${cid}`);
          if (m) this.onIncoming([m]);
          else this.refreshPending();
        },
        failed: (cid) => {
          this.messages = this.messages.map((m) => (m.clientMessageId === cid && m.pending ? { ...m, failed: true } : m));
          this.render();
        },
        delayed: (cid) => {
          this.notes.set(`c:${cid}`, this.strings.tooFast);
          this.render();
        },
        typing: (typing) => this.setAgentTyping(typing),
        state: (state) => {
          this.connection = state;
          this.renderConnection();
        },
      },
    });
    this.transport.setOnline(navigator.onLine !== false);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    // Read receipts wait for the visitor to actually look: the page visible and focused.
    window.addEventListener('focus', this.onAttention);
    document.addEventListener('visibilitychange', this.onAttention);
    this.messages = withPending([], this.outbox.list(), this.conversationId);
    // A returning visitor (a conversation, or unsent messages) connects now, to get replies and the
    // unread badge; a first-time visitor costs the server nothing until they open the chat.
    if (this.conversationId || this.outbox.list().length) this.transport.start();
  }

  /** Loads the config and mounts; retries transient failures, gives up quietly on a bad channel. */
  async mount(): Promise<void> {
    let config: WidgetConfigResponse | null = null;
    for (let attempt = 0; !config && !this.destroyed; attempt++) {
      try {
        config = await this.api.config();
      } catch (error) {
        const retryable = error instanceof ApiError && error.retryable;
        if (!retryable || attempt >= 4) {
          console.warn('[HelpStack] widget not shown:', error instanceof Error ? error.message : error);
          this.destroy();
          return;
        }
        const wait = error instanceof ApiError && error.retryAfter ? error.retryAfter * 1000 : 1000 * 2 ** attempt;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
    if (!config || this.destroyed) return;
    this.config = config;
    const language = resolveLanguage(config.language);
    this.strings = stringsFor(language);
    const view = new ChatView(
      this.strings,
      {
        name: config.name,
        greeting: config.greeting,
        color: normalizeHex(config.appearance.color),
        position: config.appearance.position === 'left' ? 'left' : 'right',
        launcherText: config.appearance.launcherText,
        language: config.language,
      },
      this.options.base,
      {
        toggle: () => this.toggle(true),
        close: () => this.close(true),
        send: (text) => this.sendText(text),
        attach: (file) => void this.attach(file),
        input: (text) => this.onDraftInput(text),
        email: (address) => void this.leaveEmail(address),
      },
      this.options.css,
    );
    this.view = view;
    document.body.appendChild(view.host);
    if (this.pendingDraft !== null) view.setDraft(this.pendingDraft);
    view.setOpen(this.isOpen, false);
    this.render();
    this.renderConnection();
    void this.api.faqs().then((r) => view.setFaqs(r.items.slice(0, 5)), () => view.setFaqs([]));
    void this.refreshStatus();
    this.booting = false;
    if (this.isOpen) this.afterOpen(false);
  }

  // ---- commands (CommandHandlers) -------------------------------------------------------------

  open(fromUser = !this.booting): void {
    if (this.destroyed || this.isOpen) return;
    this.isOpen = true;
    this.afterOpen(fromUser);
  }

  close(fromUser = !this.booting): void {
    if (this.destroyed || !this.isOpen) return;
    this.isOpen = false;
    this.view?.setOpen(false, fromUser);
    clearTimeout(this.timers.status);
    this.timers.status = undefined;
    this.emit('close');
  }

  toggle(fromUser = !this.booting): void {
    if (this.isOpen) this.close(fromUser);
    else this.open(fromUser);
  }

  identify(visitor: Identity): void {
    const next: Identity = { ...this.identity };
    if (visitor.name !== undefined) {
      const name = visitor.name.trim().slice(0, 120);
      if (name) next.name = name;
      else delete next.name;
    }
    if (visitor.email !== undefined) {
      const email = visitor.email.trim();
      if (!email) delete next.email;
      else if (EMAIL.test(email) && email.length <= 254) next.email = email;
      // An address the server would refuse would make it refuse the message too.
      else console.warn('[HelpStack] identify: ignoring an invalid email address');
    }
    if (visitor.userId !== undefined) {
      next.userId = visitor.userId.trim().slice(0, 200) || undefined;
      next.userHash = visitor.userHash?.trim() || undefined;
    }
    this.identity = next;
    this.store.setItem(this.key('identity'), JSON.stringify(next));
    if (next.userId) void this.verifyIdentity(next);
  }

  /** A site's own user (CONTRACT §12): the server checks `userHash`; refused, the chat goes on anonymously. */
  private async verifyIdentity(identity: Identity): Promise<void> {
    const { userId, userHash, name, email } = identity;
    try {
      await this.api.identify({ visitorId: this.visitorId, userId: userId!, ...(name ? { name } : {}), ...(email ? { email } : {}), ...(userHash ? { userHash } : {}) });
    } catch (error) {
      if (!(error instanceof ApiError) || error.retryable) return;
      console.warn('[HelpStack] identify refused:', error.message);
      this.identity = {};
      this.store.setItem(this.key('identity'), '{}');
    }
  }

  private async leaveEmail(address: string): Promise<void> {
    try {
      const { email } = await this.api.email(this.visitorId, address);
      this.emailLeft = email;
      this.store.setItem(this.key('email'), email);
      this.view?.showNotice(format(this.strings.emailSaved, { email }), 'info');
    } catch (error) {
      this.view?.showNotice(error instanceof ApiError && error.status === 400 ? this.strings.emailInvalid : this.strings.failed);
    }
    this.renderEmailAsk();
  }

  /** Nobody online, the visitor has written, and we have no address yet: ask for one. */
  private renderEmailAsk(): void {
    const wrote = this.messages.some((m) => m.direction === 'INBOUND');
    this.view?.setEmailAsk(this.status?.online === false && wrote && !this.emailLeft && !this.identity.email);
  }

  prefill(draft: { content: string }): void {
    if (this.view) this.view.setDraft(draft.content);
    else this.pendingDraft = draft.content;
  }

  on(event: WidgetEvent, callback: (payload?: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(callback);
    return () => void set.delete(callback);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.transport.stop();
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('focus', this.onAttention);
    document.removeEventListener('visibilitychange', this.onAttention);
    clearTimeout(this.timers.status);
    clearTimeout(this.timers.typingIdle);
    clearTimeout(this.timers.agentTyping);
    this.view?.destroy();
    this.view = null;
    this.listeners.clear();
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  // ---- state → view ---------------------------------------------------------------------------

  private afterOpen(moveFocus: boolean): void {
    this.transport.start();
    this.markSeen();
    if (!this.view) return;
    this.view.setOpen(true, moveFocus);
    this.view.setUnread(0);
    if (Date.now() - this.statusAt > STATUS_TTL || !this.timers.status) void this.refreshStatus();
    this.emit('open');
  }

  private render(): void {
    if (!this.view) return;
    this.view.renderMessages(this.messages, this.notes);
    if (this.isOpen) this.markSeen();
    this.view.setUnread(this.isOpen ? 0 : countUnread(this.messages, this.seenAt));
    this.renderEmailAsk();
  }

  private renderConnection(): void {
    // "Connecting…" only matters while there is nothing to show yet.
    const map: Partial<Record<ConnectionState, ConnectionLine>> = {
      connecting: this.historyLoaded ? null : 'connecting',
      reconnecting: 'reconnecting',
      offline: 'offline',
    };
    this.view?.setConnection(map[this.connection] ?? null);
  }

  private markSeen(): void {
    const latest = latestTimestamp(this.messages);
    if (latest && latest !== this.seenAt) {
      this.seenAt = latest;
      this.store.setItem(this.key('seen'), latest);
    }
    // Read receipt: the newest reply, once the open chat is really in front of the visitor.
    if (!this.isOpen || document.visibilityState === 'hidden' || !document.hasFocus()) return;
    const reply = this.messages.findLast((m) => m.direction === 'OUTBOUND' && !m.pending);
    if (reply && reply.id !== this.readId) {
      this.readId = reply.id;
      this.transport.read(reply.id);
    }
  }

  private async refreshStatus(): Promise<void> {
    this.statusAt = Date.now();
    try {
      this.status = await this.api.status();
    } catch {
      /* keep the last one */
    }
    this.view?.setStatus(this.status);
    this.renderEmailAsk();
    // Live while open: the dot turns green when an agent comes online (and back).
    clearTimeout(this.timers.status);
    if (this.isOpen && !this.destroyed) this.timers.status = setTimeout(() => void this.refreshStatus(), STATUS_LIVE);
  }

  // ---- conversation ---------------------------------------------------------------------------

  private onHistory(data: WidgetConversationResponse): void {
    if (data.conversationId) this.rememberConversation(data.conversationId);
    const first = !this.historyLoaded;
    this.historyLoaded = true;
    this.onIncoming(data.messages, first);
    this.renderConnection();
  }

  private onIncoming(incoming: readonly VisitorMessage[], silent = false): void {
    const fresh = incoming.filter((m) => !this.knownIds.has(m.id));
    for (const m of incoming) {
      this.knownIds.add(m.id);
      if (m.conversationId) this.rememberConversation(m.conversationId);
    }
    if (fresh.some((m) => m.direction === 'OUTBOUND')) this.setAgentTyping(false);
    this.messages = withPending(mergeMessages(this.messages, incoming), this.outbox.list(), this.conversationId);
    this.render();
    if (!silent) for (const m of fresh) this.emit('message', m);
  }

  private refreshPending(): void {
    this.messages = withPending(this.messages, this.outbox.list(), this.conversationId);
    this.render();
  }

  private rememberConversation(id: string): void {
    if (id === this.conversationId) return;
    this.conversationId = id;
    this.store.setItem(this.key('conversation'), id);
  }

  private sendText(text: string, files: OutboxItem['files'] = []): void {
    this.stopTyping();
    const item: OutboxItem = {
      clientMessageId: uuid(),
      content: text.slice(0, 5000),
      ...(files.length ? { files, attachments: files.map((f) => f.path) } : {}),
      ...(this.identity.name ? { name: this.identity.name } : {}),
      ...(this.identity.email ? { email: this.identity.email } : {}),
      // The first message carries where the visitor writes from.
      ...(!this.conversationId && !this.outbox.list().length ? { context: visitorContext() } : {}),
      createdAt: new Date().toISOString(),
    };
    this.transport.send(item);
    this.refreshPending();
  }

  private async attach(file: File): Promise<void> {
    const view = this.view;
    if (!view) return;
    view.showNotice(format(this.strings.uploading, { name: file.name }), 'info', 0);
    try {
      const uploaded = await this.api.upload(this.visitorId, file);
      view.showNotice(null);
      // The message text is whatever the visitor had typed, else the file's name (content is required).
      const typed = view.draft().trim();
      if (typed) view.setDraft('');
      this.sendText(typed || uploaded.name || file.name, [uploaded]);
    } catch (error) {
      const tooLarge = error instanceof ApiError && error.status === 413;
      view.showNotice(format(tooLarge ? this.strings.fileTooLarge : this.strings.uploadFailed, { name: file.name }));
    }
  }

  // ---- typing ---------------------------------------------------------------------------------

  /** Our own typing frames: `true` at most every few seconds while typing, `false` when idle. */
  private onDraftInput(text: string): void {
    clearTimeout(this.timers.typingIdle);
    if (!text.trim()) return this.stopTyping();
    const now = Date.now();
    if (now - this.typingSentAt > TYPING_REPEAT) {
      this.typingSentAt = now;
      this.transport.typing(true);
    }
    this.timers.typingIdle = setTimeout(() => this.stopTyping(), TYPING_IDLE);
  }

  private stopTyping(): void {
    clearTimeout(this.timers.typingIdle);
    if (!this.typingSentAt) return;
    this.typingSentAt = 0;
    this.transport.typing(false);
  }

  private setAgentTyping(typing: boolean): void {
    clearTimeout(this.timers.agentTyping);
    this.view?.setTyping(typing);
    // A lost "stopped typing" frame must not leave the dots forever.
    if (typing) this.timers.agentTyping = setTimeout(() => this.view?.setTyping(false), AGENT_TYPING_TIMEOUT);
  }

  // ---- events ---------------------------------------------------------------------------------

  private emit(event: WidgetEvent, payload?: unknown): void {
    for (const cb of this.listeners.get(event) ?? []) {
      try {
        cb(payload);
      } catch (error) {
        console.warn(`[HelpStack] "${event}" listener failed`, error);
      }
    }
  }

  private key(what: string): string {
    return storageKey(this.options.channelId, what);
  }
}

