import { format, type Strings } from '../i18n.ts';
import { itemKey } from '../message-list.ts';
import { textOn } from '../theme.ts';
import type { ChatItem, WidgetFaq, WidgetStatusResponse } from '../types.ts';
import { append, formatSize, h, icon, richText, safeUrl } from './dom.ts';
import { attachIcon, chatIcon, chevronDownIcon, closeIcon, fileIcon, plusIcon, sendIcon } from './icons.ts';

export interface ViewCallbacks {
  toggle(): void;
  close(): void;
  send(text: string): void;
  attach(file: File): void;
  /** The visitor is typing (called on each input). */
  input(text: string): void;
  /** The visitor left an e-mail address (offline capture). */
  email(address: string): void;
}

export interface ViewConfig {
  name: string;
  greeting: string;
  color: string;
  position: 'left' | 'right';
  launcherText: string;
  language: string;
}

export type ConnectionLine = 'connecting' | 'reconnecting' | 'offline' | null;

const MAX_CONTENT = 5000;
/** Two messages from the same side this close together read as one group. */
const GROUP_MS = 2 * 60_000;

/** The widget's DOM: one host element with an open shadow root holding all markup and CSS. */
export class ChatView {
  readonly host: HTMLElement;
  private readonly root: HTMLElement;
  private readonly launcher: HTMLButtonElement;
  private readonly launcherText: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly title: HTMLElement;
  private readonly avatar: HTMLElement;
  private readonly dot: HTMLElement;
  private readonly statusText: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly greeting: HTMLElement;
  private readonly greetingHint: HTMLElement;
  private readonly faqs: HTMLElement;
  private readonly chips: HTMLElement;
  private readonly log: HTMLElement;
  private readonly typingRow: HTMLElement;
  private readonly conn: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly ask: HTMLFormElement;
  private readonly askInput: HTMLInputElement;
  private readonly textarea: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly fileInput: HTMLInputElement;
  private readonly rows = new Map<string, HTMLElement>();
  private timeFormat: Intl.DateTimeFormat;
  private dateTimeFormat: Intl.DateTimeFormat;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly s: Strings;
  private readonly config: ViewConfig;
  private readonly apiBase: string;
  private readonly cb: ViewCallbacks;

  constructor(s: Strings, config: ViewConfig, apiBase: string, cb: ViewCallbacks, css: string) {
    this.s = s;
    this.config = config;
    this.apiBase = apiBase;
    this.cb = cb;
    this.timeFormat = new Intl.DateTimeFormat(config.language || undefined, { hour: 'numeric', minute: '2-digit' });
    this.dateTimeFormat = new Intl.DateTimeFormat(config.language || undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
    this.host = h('div', { 'data-helpstack': '' });
    const shadow = this.host.attachShadow({ mode: 'open' });

    const panelId = 'hs-panel';
    this.badge = h('span', { class: 'badge', 'aria-hidden': 'true', hidden: true });
    this.launcherText = h('span', { class: 'launcher-text' }, config.launcherText);
    const launcherIcon = h('span', { class: 'launcher-icon' });
    const chat = icon(chatIcon);
    chat.setAttribute('class', 'i-chat');
    const close = icon(closeIcon);
    close.setAttribute('class', 'i-close');
    append(launcherIcon, [chat, close]);
    this.launcher = h(
      'button',
      { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': panelId, 'aria-haspopup': 'dialog' },
      launcherIcon,
      this.launcherText,
      this.badge,
    );

    this.dot = h('span', { class: 'dot', 'aria-hidden': 'true' });
    this.avatar = h('div', { class: 'avatar', 'aria-hidden': 'true' }, initial(config.name), this.dot);
    this.title = h('h2', { class: 'title', id: 'hs-title' }, config.name);
    this.statusText = h('span', {});
    const minimize = h('button', { class: 'icon-btn', type: 'button', 'aria-label': this.s.minimize, title: this.s.minimize }, icon(chevronDownIcon));

    this.greetingHint = h('span', { class: 'greeting-hint' });
    this.greeting = h('p', { class: 'greeting' }, config.greeting, this.greetingHint);
    this.chips = h('div', { class: 'chips' });
    this.faqs = h('section', { class: 'faqs', 'aria-labelledby': 'hs-faq-title', hidden: true }, h('h3', { id: 'hs-faq-title' }, this.s.faqTitle), this.chips);
    this.log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': this.s.messages });
    this.typingRow = h('div', { class: 'typing', hidden: true }, h('i'), h('i'), h('i'), h('span', { class: 'sr' }, this.s.typing));
    this.scroller = h('div', { class: 'scroller' }, this.greeting, this.faqs, this.log, this.typingRow);

    this.conn = h('div', { class: 'conn', role: 'status', hidden: true });
    this.notice = h('div', { class: 'notice', role: 'alert', hidden: true });
    this.askInput = h('input', { type: 'email', required: true, maxlength: 254, placeholder: this.s.emailPlaceholder, 'aria-label': this.s.emailAsk, autocomplete: 'email' });
    this.ask = h('form', { class: 'ask', hidden: true }, h('p', {}, this.s.emailAsk), h('div', { class: 'ask-row' }, this.askInput, h('button', { type: 'submit' }, this.s.emailSave)));

    this.textarea = h('textarea', { rows: 1, placeholder: this.s.placeholder, 'aria-label': this.s.placeholder, maxlength: MAX_CONTENT, enterkeyhint: 'send' });
    this.fileInput = h('input', { type: 'file', hidden: true, tabindex: -1, 'aria-hidden': 'true' });
    const attach = h('button', { class: 'icon-btn', type: 'button', 'aria-label': this.s.attach, title: this.s.attach }, icon(attachIcon));
    this.sendButton = h('button', { class: 'send', type: 'submit', 'aria-label': this.s.send, title: this.s.send, disabled: true }, icon(sendIcon));
    const form = h('form', { class: 'composer' }, this.textarea, this.fileInput, attach, this.sendButton);

    this.panel = h(
      'div',
      { class: 'panel', id: panelId, role: 'dialog', 'aria-modal': 'false', 'aria-label': format(this.s.dialogLabel, { name: config.name }) },
      h('header', { class: 'header' }, this.avatar, h('div', { class: 'titles' }, this.title, h('p', { class: 'status' }, this.statusText)), minimize),
      this.scroller,
      this.conn,
      this.notice,
      this.ask,
      form,
      h('div', { class: 'footer' }, this.s.poweredBy),
    );

    this.root = h('div', { class: `root ${config.position === 'left' ? 'left' : 'right'}` }, this.panel, this.launcher);
    this.root.style.setProperty('--hs-accent', config.color);
    this.root.style.setProperty('--hs-on-accent', textOn(config.color));
    adoptStyles(shadow, css);
    shadow.append(this.root);

    this.launcher.addEventListener('click', () => cb.toggle());
    minimize.addEventListener('click', () => cb.close());
    this.root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.isOpen()) {
        e.stopPropagation();
        cb.close();
      }
    });
    this.ask.addEventListener('submit', (e) => {
      e.preventDefault();
      const address = this.askInput.value.trim();
      if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) cb.email(address);
      else this.showNotice(this.s.emailInvalid);
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.textarea.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        this.submit();
      }
    });
    this.textarea.addEventListener('input', () => {
      this.autosize();
      this.sendButton.disabled = !this.textarea.value.trim();
      cb.input(this.textarea.value);
    });
    attach.addEventListener('click', () => this.fileInput.click());
    this.fileInput.addEventListener('change', () => {
      const file = this.fileInput.files?.[0];
      this.fileInput.value = '';
      if (file) cb.attach(file);
    });
    this.setStatus(null);
  }

  isOpen(): boolean {
    return this.root.classList.contains('open');
  }

  setOpen(open: boolean, moveFocus: boolean): void {
    this.root.classList.toggle('open', open);
    this.launcher.setAttribute('aria-expanded', String(open));
    this.updateLauncherLabel();
    if (open) {
      this.scrollToEnd();
      if (moveFocus) this.textarea.focus({ preventScroll: true });
    } else if (moveFocus && this.host.shadowRoot?.activeElement) {
      this.launcher.focus({ preventScroll: true });
    }
  }

  private unread = 0;

  setUnread(n: number): void {
    this.unread = n;
    this.badge.hidden = n === 0;
    this.badge.textContent = n > 9 ? '9+' : String(n);
    this.updateLauncherLabel();
  }

  private updateLauncherLabel(): void {
    const base = this.isOpen() ? this.s.closeChat : this.config.launcherText || this.s.openChat;
    const label = this.unread && !this.isOpen() ? `${base} (${format(this.s.unread, { n: this.unread })})` : base;
    this.launcher.setAttribute('aria-label', label);
  }

  setStatus(status: WidgetStatusResponse | null): void {
    const online = Boolean(status?.online);
    this.dot.classList.toggle('on', online);
    this.statusText.textContent = status ? (online ? this.s.online : this.s.offline) : '';
    this.greetingHint.textContent =
      status?.withinBusinessHours === false ? this.s.outsideHours : status ? (online ? this.s.onlineHint : this.s.offlineHint) : '';
    this.greetingHint.hidden = !status;
  }

  /** The offline e-mail question: shown while nobody is online and the visitor left no address. */
  setEmailAsk(show: boolean): void {
    this.ask.hidden = !show;
  }

  setFaqs(faqs: readonly WidgetFaq[]): void {
    this.chips.replaceChildren();
    faqs.forEach((faq, i) => {
      const answerId = `hs-faq-${i}`;
      const answer = h('div', { class: 'answer', id: answerId, role: 'region', 'aria-label': faq.question, hidden: true }, ...richText(faq.answer));
      const chip = h('button', { class: 'chip', type: 'button', 'aria-expanded': 'false', 'aria-controls': answerId }, faq.question, icon(plusIcon));
      chip.addEventListener('click', () => {
        const open = chip.getAttribute('aria-expanded') !== 'true';
        chip.setAttribute('aria-expanded', String(open));
        answer.hidden = !open;
        if (open) answer.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
      });
      this.chips.append(chip, answer);
    });
    this.faqs.hidden = faqs.length === 0;
  }

  /** Keyed update: existing rows are patched in place so the live region announces only new ones. */
  renderMessages(items: readonly ChatItem[], notes: ReadonlyMap<string, string> = new Map()): void {
    const atEnd = this.nearEnd();
    const wanted = new Set<string>();
    let previous: ChatItem | null = null;
    let cursor: ChildNode | null = this.log.firstChild;
    let visitorAdded = false;
    for (const item of items) {
      const key = itemKey(item);
      wanted.add(key);
      const side = sideOf(item);
      const cont = previous !== null && sideOf(previous) === side && Math.abs(Date.parse(item.createdAt) - Date.parse(previous.createdAt)) < GROUP_MS;
      const state = item.failed ? 'failed' : item.pending ? 'pending' : 'sent';
      const note = notes.get(key) ?? '';
      const signature = `${item.id}|${state}|${item.content}|${item.attachments.length}|${cont}|${note}`;
      let row = this.rows.get(key);
      if (!row) {
        row = h('div', { class: 'msg' });
        this.rows.set(key, row);
        if (side === 'visitor') visitorAdded = true;
      }
      if (row.dataset.sig !== signature) {
        row.dataset.sig = signature;
        this.fillRow(row, item, side, cont, state, note);
      }
      if (row !== cursor) this.log.insertBefore(row, cursor);
      cursor = row.nextSibling;
      previous = item;
    }
    for (const [key, row] of this.rows) {
      if (!wanted.has(key)) {
        row.remove();
        this.rows.delete(key);
      }
    }
    if (atEnd || visitorAdded) this.scrollToEnd();
  }

  private fillRow(row: HTMLElement, item: ChatItem, side: string, cont: boolean, state: string, note: string): void {
    row.className = `msg ${side}${cont ? ' cont' : ''}${state === 'sent' ? '' : ` ${state}`}`;
    const who = h('span', { class: 'sr' }, `${side === 'visitor' ? this.s.you : this.s.agent}: `);
    // A file sent on its own carries its name as the text (content is required): show the file only.
    const onlyFile = item.attachments.length === 1 && item.content.trim() === item.attachments[0]!.name;
    const bubble = h('div', { class: `bubble${onlyFile ? ' only-file' : ''}` }, who, ...(onlyFile ? [] : richText(item.content)));
    const files = this.files(item);
    if (files) bubble.append(files);
    const when = new Date(item.createdAt);
    const status = state === 'failed' ? this.s.failed : state === 'pending' ? note || this.s.sending : '';
    const meta = h(
      'div',
      { class: 'meta' },
      Number.isNaN(when.getTime()) ? null : h('time', { datetime: item.createdAt }, this.formatTime(when)),
      status ? ` · ${status}` : null,
    );
    row.replaceChildren(bubble, meta);
  }

  private files(item: ChatItem): HTMLElement | null {
    if (!item.attachments.length) return null;
    const box = h('div', { class: 'files' });
    for (const a of item.attachments) {
      const href = safeUrl(a.url, this.apiBase);
      if (!href) continue;
      if (a.mimeType.startsWith('image/')) {
        const img = h('img', { src: href, alt: a.name, loading: 'lazy' });
        img.addEventListener('load', () => this.nearEnd(200) && this.scrollToEnd());
        box.append(h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, img));
      } else {
        box.append(
          h('a', { class: 'file', href, target: '_blank', rel: 'noopener noreferrer', download: a.name }, icon(fileIcon), h('span', {}, a.name), h('small', {}, formatSize(a.size))),
        );
      }
    }
    return box;
  }

  private formatTime(d: Date): string {
    const sameDay = d.toDateString() === new Date().toDateString();
    return (sameDay ? this.timeFormat : this.dateTimeFormat).format(d);
  }

  setTyping(typing: boolean): void {
    if (this.typingRow.hidden === !typing) return;
    const atEnd = this.nearEnd();
    this.typingRow.hidden = !typing;
    if (atEnd) this.scrollToEnd();
  }

  setConnection(line: ConnectionLine): void {
    this.conn.hidden = line === null;
    this.conn.classList.toggle('offline', line === 'offline');
    this.conn.textContent =
      line === 'connecting' ? this.s.connecting : line === 'reconnecting' ? this.s.reconnecting : line === 'offline' ? this.s.offlineBanner : '';
  }

  /** A short-lived line above the composer: upload progress (`info`) or a problem. */
  showNotice(text: string | null, kind: 'info' | 'error' = 'error', ms = 6000): void {
    clearTimeout(this.noticeTimer);
    this.notice.hidden = !text;
    this.notice.textContent = text ?? '';
    this.notice.classList.toggle('info', kind === 'info');
    this.notice.setAttribute('role', kind === 'info' ? 'status' : 'alert');
    if (text && ms) this.noticeTimer = setTimeout(() => this.showNotice(null), ms);
  }

  setDraft(text: string): void {
    this.textarea.value = text.slice(0, MAX_CONTENT);
    this.sendButton.disabled = !this.textarea.value.trim();
    this.autosize();
  }

  draft(): string {
    return this.textarea.value;
  }

  destroy(): void {
    clearTimeout(this.noticeTimer);
    this.host.remove();
  }

  private submit(): void {
    const text = this.textarea.value.trim();
    if (!text) return;
    this.setDraft('');
    this.cb.send(text);
    this.textarea.focus({ preventScroll: true });
  }

  private autosize(): void {
    this.textarea.style.height = 'auto';
    this.textarea.style.height = `${Math.min(this.textarea.scrollHeight, 140)}px`;
  }

  private nearEnd(slack = 80): boolean {
    const el = this.scroller;
    return el.scrollHeight - el.scrollTop - el.clientHeight < slack;
  }

  private scrollToEnd(): void {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }
}

/**
 * A constructed stylesheet where supported: unlike a <style> element it is not blocked by a host
 * page's Content-Security-Policy without 'unsafe-inline'.
 */
function adoptStyles(shadow: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    shadow.append(h('style', {}, css));
  }
}

const sideOf = (m: ChatItem) => (m.senderType === 'SYSTEM' ? 'system' : m.direction === 'INBOUND' ? 'visitor' : 'agent');

const initial = (name: string) => (name.trim()[0] ?? '?').toUpperCase();
