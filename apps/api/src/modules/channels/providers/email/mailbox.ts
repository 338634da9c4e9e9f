import type { EmailCredentials } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import type { ImapFlow } from 'imapflow';
import { recordInboundMessage } from '../../../inbox/record-inbound-message.ts';
import { decryptCredentials } from '../../credentials-crypto.ts';
import * as channelQueries from '../../queries.ts';
import { imapClient } from './imap.ts';
import { mailboxState, saveMailboxState } from './mailbox-queries.ts';
import { inboundOf } from './parse.ts';

/**
 * Without IDLE the mailbox is read this often; with IDLE new mail is announced at once, and the look only
 * covers a lost notification. (Each look ends IDLE for its FETCH: at 5 s against imapflow's 15 s default
 * auto-IDLE delay, IDLE never started at all.)
 */
const POLL_MS = 5_000;
const IDLE_POLL_MS = 60_000;
const BACKOFF_MS = [1_000, 2_000, 5_000, 15_000, 60_000];

/**
 * One channel's INBOX, read by the one instance holding its lease: IDLE where offered (imapflow idles on its
 * own and reports `exists`), a periodic look otherwise; reconnects with backoff. Each UID above the stored
 * one is taken once; a new UIDVALIDITY (or the first connect) starts after the mail already there.
 */
export class MailboxWatcher {
  private client: ImapFlow | null = null;
  private stopped = false;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private reading: Promise<void> = Promise.resolve();
  private readonly loop: Promise<void>;
  private readonly app: FastifyInstance;
  private readonly channel: { id: string; organizationId: string };
  private readonly owner: string;

  constructor(app: FastifyInstance, channel: { id: string; organizationId: string }, owner: string) {
    this.app = app;
    this.channel = channel;
    this.owner = owner;
    this.loop = this.run();
  }

  private get log() {
    return this.app.log.child({ module: 'email-poller', channelId: this.channel.id });
  }

  private async run() {
    while (!this.stopped) {
      try {
        await this.session();
        this.failures = 0;
      } catch (err) {
        this.log.warn({ err }, 'IMAP session ended');
        this.failures += 1;
      }
      if (this.stopped) break;
      await new Promise((r) => { this.timer = setTimeout(r, BACKOFF_MS[Math.min(this.failures, BACKOFF_MS.length - 1)]); });
    }
  }

  /** One connection, until it closes: resolves when the server or stop() ends it. */
  private async session() {
    const row = await channelQueries.findChannel(this.app.db, this.channel);
    if (!row) return void this.stop();
    const credentials = decryptCredentials(this.app.crypto, row) as EmailCredentials;
    if (!credentials.imapHost) return void this.stop();
    const client = await imapClient(this.app.config, { ...credentials, imapHost: credentials.imapHost });
    this.client = client;
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.on('error', (err: unknown) => this.log.warn({ err }, 'IMAP error'));
    await client.connect();
    const box = await client.mailboxOpen('INBOX');
    this.failures = 0;
    const uidValidity = Number(box.uidValidity);
    const state = await mailboxState(this.app.db, this.channel.id);
    if (!state || state.uidValidity !== uidValidity) {
      await saveMailboxState(this.app.db, { channelId: this.channel.id, owner: this.owner, uidValidity, lastUid: Math.max(0, Number(box.uidNext) - 1) });
    }
    const read = () => {
      this.reading = this.reading.then(() => this.readNew(client, uidValidity)).catch((err) => this.log.warn({ err }, 'reading new mail failed'));
    };
    client.on('exists', read);
    const poll = setInterval(read, client.capabilities.has('IDLE') ? IDLE_POLL_MS : POLL_MS);
    read();
    try {
      await closed;
    } finally {
      clearInterval(poll);
      this.client = null;
    }
  }

  private async readNew(client: ImapFlow, uidValidity: number) {
    if (this.stopped || !client.usable) return;
    const state = await mailboxState(this.app.db, this.channel.id);
    if (!state || state.leaseOwner !== this.owner || state.uidValidity !== uidValidity) return;
    let lastUid = state.lastUid;
    for await (const msg of client.fetch(`${lastUid + 1}:*`, { uid: true, source: true }, { uid: true })) {
      // `n:*` always answers the newest message, even one at or below n.
      if (msg.uid <= lastUid || !msg.source) continue;
      const inbound = await inboundOf(this.app, this.channel, msg.source);
      if (inbound) await recordInboundMessage(this.app, inbound);
      lastUid = msg.uid;
      await saveMailboxState(this.app.db, { channelId: this.channel.id, owner: this.owner, uidValidity, lastUid });
    }
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    if (client) await client.logout().catch(() => client.close());
    await this.reading;
  }

  /** Resolves once the watcher has fully stopped. */
  done() {
    return this.loop;
  }
}
