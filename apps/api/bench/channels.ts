/**
 * Channel figures (`pnpm bench`, `BENCH_ONLY=channels` alone), against real parts where there are any:
 *
 * 1. `channels-inbound`: BENCH_CHANNEL_MESSAGES (1,000) customer messages spread evenly over FACEBOOK,
 *    INSTAGRAM, WHATSAPP (signed webhooks), TELEGRAM (secret-header webhook), EMAIL (IMAP APPEND into a real
 *    Dovecot, read by the channel's IDLE watcher) and WEBSITE_CHAT (`POST /api/widget/message`), all sent at
 *    once; timed from the first send until every one is stored in the inbox (budget ≤ 20 s), per type too.
 * 2. `imap-takeover`: a mailbox already holding BENCH_IMAP_EXISTING (5,000) mails — put in by IMAP APPEND over a
 *    few connections — is connected as a new EMAIL channel; none of them may become a conversation. Then one new
 *    mail is APPENDed and timed until it is in the inbox (IDLE; budget ≤ 5 s).
 *
 * Needs Dovecot (`dovecot-imapd`, run as root: test/helpers/dovecot.ts); without it the figures are skipped
 * with a note. The Graph API and Bot API are the local fakes of test/helpers/fake-providers.ts (run.ts
 * points META_GRAPH_URL / TELEGRAM_API_URL at them), the Dovecot ports are let through the outbound guard
 * by `prepareChannels` before the server starts.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import type { Pool } from 'pg';
import { dovecotAvailable, rawMail, startDovecot } from '../test/helpers/dovecot.ts';

type Dovecot = Awaited<ReturnType<typeof startDovecot>>;
const TYPES = ['FACEBOOK', 'INSTAGRAM', 'WHATSAPP', 'TELEGRAM', 'EMAIL', 'WEBSITE_CHAT'] as const;
type Type = (typeof TYPES)[number];

export interface ChannelsInboundFigures {
  messages: number;
  /** Messages per type, and when the last of each type was stored (ms from the first send). */
  perType: Record<Type, { messages: number; storedMs: number }>;
  /** From the first send until the last send was accepted (HTTP 200/201, IMAP APPEND done). */
  sentMs: number;
  /** From the first send until every message is stored. */
  storedMs: number;
  storedPerSec: number;
  budgetMs: number;
  pass: boolean;
}

export interface ImapTakeoverFigures {
  existing: number;
  /** Putting the existing mails in (IMAP APPEND over a few connections). */
  fillMs: number;
  /** From creating the channel until its watcher has recorded the mailbox (UIDVALIDITY, last UID). */
  takeoverMs: number;
  /** Conversations the existing mails became: must be 0. */
  importedOld: number;
  /** From the APPEND of a new mail until it is in the inbox. */
  newMailMs: number;
  budgetMs: number;
  pass: boolean;
}

export interface ChannelsFigures {
  inbound: ChannelsInboundFigures;
  takeover: ImapTakeoverFigures;
}

/** The Dovecot servers the figures need, started before the server so that its outbound guard lets them through. */
export interface ChannelsSetup {
  inbound: Dovecot;
  takeover: Dovecot;
  /** To add to the server's OUTBOUND_ALLOW. */
  outboundAllow: string[];
  close(): Promise<void>;
}

/** Null (with the reason) when Dovecot cannot be started here. */
export async function prepareChannels(): Promise<ChannelsSetup | { missing: string }> {
  if (!(await dovecotAvailable())) return { missing: 'Dovecot (/usr/sbin/dovecot, run as root) is not available' };
  const inbound = await startDovecot();
  const takeover = await startDovecot().catch(async (err) => {
    await inbound.stop();
    throw err;
  });
  return {
    inbound,
    takeover,
    outboundAllow: [`127.0.0.1:${inbound.port}`, `127.0.0.1:${takeover.port}`],
    async close() {
      await Promise.allSettled([inbound.stop(), takeover.stop()]);
    },
  };
}

const FILL_CONNECTIONS = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const accountId = () => String(10 ** 14 + (randomBytes(4).readUInt32BE() % 10 ** 9));

async function post(baseUrl: string, path: string, body: unknown, headers: Record<string, string> = {}, expected = [200, 201]) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw });
  const text = await res.text();
  if (!expected.includes(res.status)) throw new Error(`POST ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as { data?: { id: string } }) : {};
}

const createChannel = async (baseUrl: string, cookie: string, type: Type, credentials: Record<string, unknown>) =>
  (await post(baseUrl, '/api/channels', { type, name: `Bench ${type.toLowerCase()}`, credentials }, { cookie }, [201])).data!.id;

/**
 * The bench's channels go when it is done: their accounts are free for the next run, and no later server on
 * this database keeps watching a throwaway Dovecot.
 */
async function deleteChannels(baseUrl: string, cookie: string, ids: string[]) {
  for (const id of ids) await fetch(`${baseUrl}/api/channels/${id}`, { method: 'DELETE', headers: { cookie } }).then((r) => r.arrayBuffer()).catch(() => undefined);
}

function emailCredentials(dovecot: Dovecot) {
  // SMTP is not used by these figures; the Dovecot port only satisfies the outbound guard.
  return {
    host: '127.0.0.1', port: dovecot.port, secure: false, username: dovecot.user, password: dovecot.password, from: dovecot.user,
    imapHost: '127.0.0.1', imapPort: dovecot.port, imapSecure: false,
  };
}

/** Resolves once the channel's IMAP watcher has taken its mailbox (its bookkeeping row has a UIDVALIDITY). */
async function mailboxTaken(pool: Pool, channelId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await pool.query<{ v: string | null; last: string }>('select uid_validity as v, last_uid as last from email_mailboxes where channel_id = $1', [channelId]);
    if (rows[0]?.v) return Number(rows[0].last);
    await sleep(50);
  }
  throw new Error(`the EMAIL channel's mailbox was not taken over within ${timeoutMs / 1000} s`);
}

const imapClient = (d: Dovecot) => new ImapFlow({ host: '127.0.0.1', port: d.port, secure: false, auth: { user: d.user, pass: d.password }, logger: false });

async function storedPerChannel(pool: Pool, channelIds: string[]) {
  const { rows } = await pool.query<{ channel_id: string; n: string }>(
    `select c.channel_id, count(*) as n from messages m join conversations c on c.id = m.conversation_id
     where c.channel_id = any($1) and m.direction = 'INBOUND' group by c.channel_id`,
    [channelIds],
  );
  return new Map(rows.map((r) => [r.channel_id, Number(r.n)]));
}

export async function measureChannelsInbound(opts: {
  baseUrl: string;
  cookie: string;
  pool: Pool;
  dovecot: Dovecot;
  metaAppSecret: string;
  messages: number;
  /** Concurrent HTTP senders (the providers post in parallel). */
  connections?: number;
}): Promise<ChannelsInboundFigures> {
  const { baseUrl, cookie } = opts;
  const run = randomBytes(4).toString('hex');
  const page = accountId();
  const ig = accountId();
  const wa = accountId();
  const botId = 7_000_000 + (randomBytes(3).readUIntBE(0, 3) % 1_000_000);
  const tgSecret = `bench-${run}-secret`;
  const ids: Record<Type, string> = {
    FACEBOOK: await createChannel(baseUrl, cookie, 'FACEBOOK', { pageId: page, accessToken: `bench-token-${page}` }),
    INSTAGRAM: await createChannel(baseUrl, cookie, 'INSTAGRAM', { accountId: ig, accessToken: `bench-token-${ig}` }),
    WHATSAPP: await createChannel(baseUrl, cookie, 'WHATSAPP', { phoneNumberId: wa, accessToken: `bench-token-${wa}` }),
    TELEGRAM: await createChannel(baseUrl, cookie, 'TELEGRAM', { botToken: `${botId}:bench-${run}`, secretToken: tgSecret }),
    EMAIL: await createChannel(baseUrl, cookie, 'EMAIL', emailCredentials(opts.dovecot)),
    WEBSITE_CHAT: await createChannel(baseUrl, cookie, 'WEBSITE_CHAT', {}),
  };
  try {
    return await sendAll(opts, ids, { run, page, ig, wa, tgSecret });
  } finally {
    await deleteChannels(baseUrl, cookie, Object.values(ids));
  }
}

async function sendAll(
  opts: Parameters<typeof measureChannelsInbound>[0],
  ids: Record<Type, string>,
  { run, page, ig, wa, tgSecret }: { run: string; page: string; ig: string; wa: string; tgSecret: string },
): Promise<ChannelsInboundFigures> {
  const { baseUrl } = opts;
  // Mail is only read once the watcher holds the mailbox: wait for it, as an operator's channel would be running.
  await mailboxTaken(opts.pool, ids.EMAIL, 30_000);

  const sign = (raw: string) => `sha256=${createHmac('sha256', opts.metaAppSecret).update(raw).digest('hex')}`;
  const customers = 50;
  const who = (i: number) => Math.floor(i / TYPES.length) % customers;
  const sends: Record<Type, (i: number) => Promise<unknown>> = {
    FACEBOOK: (i) => {
      const raw = JSON.stringify({ object: 'page', entry: [{ id: page, time: Date.now(), messaging: [{ sender: { id: `psid-${run}-${who(i)}` }, recipient: { id: page }, timestamp: Date.now(), message: { mid: `m_${run}_${i}`, text: `Facebook message ${i}` } }] }] });
      return post(baseUrl, '/api/webhooks/facebook', raw, { 'x-hub-signature-256': sign(raw) });
    },
    INSTAGRAM: (i) => {
      const raw = JSON.stringify({ object: 'instagram', entry: [{ id: ig, time: Date.now(), messaging: [{ sender: { id: `igsid-${run}-${who(i)}` }, recipient: { id: ig }, timestamp: Date.now(), message: { mid: `ig_${run}_${i}`, text: `Instagram message ${i}` } }] }] });
      return post(baseUrl, '/api/webhooks/instagram', raw, { 'x-hub-signature-256': sign(raw) });
    },
    WHATSAPP: (i) => {
      const from = String(38_640_000_000 + who(i));
      const raw = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'waba', changes: [{ field: 'messages', value: {
        messaging_product: 'whatsapp', metadata: { phone_number_id: wa }, contacts: [{ wa_id: from, profile: { name: `Customer ${who(i)}` } }],
        messages: [{ from, id: `wamid.${run}.${i}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: `WhatsApp message ${i}` } }],
      } }] }] });
      return post(baseUrl, '/api/webhooks/whatsapp', raw, { 'x-hub-signature-256': sign(raw) });
    },
    TELEGRAM: (i) => post(baseUrl, `/api/webhooks/telegram/${ids.TELEGRAM}`, {
      update_id: 1000 + i,
      message: { message_id: i, date: Math.floor(Date.now() / 1000), chat: { id: 5000 + who(i), type: 'private' }, from: { id: 5000 + who(i), is_bot: false, first_name: 'Bench' }, text: `Telegram message ${i}` },
    }, { 'x-telegram-bot-api-secret-token': tgSecret }),
    WEBSITE_CHAT: (i) => post(baseUrl, '/api/widget/message', { channelId: ids.WEBSITE_CHAT, visitorId: `bench-${run}-visitor-${who(i)}`, content: `Widget message ${i}` }),
    EMAIL: () => Promise.reject(new Error('e-mail goes by IMAP APPEND')),
  };

  const all = Array.from({ length: opts.messages }, (_, i) => ({ i, type: TYPES[i % TYPES.length]! }));
  const mails = all.filter((m) => m.type === 'EMAIL');
  const http = all.filter((m) => m.type !== 'EMAIL');
  const expected = Object.fromEntries(TYPES.map((t) => [t, all.filter((m) => m.type === t).length])) as Record<Type, number>;
  const channelIds = TYPES.map((t) => ids[t]);
  const storedAt = {} as Record<Type, number>;

  // The mails over one connection opened beforehand (a delivering MTA keeps its own), the rest in parallel.
  const imap = imapClient(opts.dovecot);
  await imap.connect();
  const started = performance.now();
  const watching = (async () => {
    while (Object.keys(storedAt).length < TYPES.length) {
      const counts = await storedPerChannel(opts.pool, channelIds);
      for (const t of TYPES) if (storedAt[t] === undefined && (counts.get(ids[t]) ?? 0) >= expected[t]) storedAt[t] = performance.now() - started;
      if (performance.now() - started > 300_000) {
        throw new Error(`not every message was stored within 300 s: ${TYPES.map((t) => `${t} ${counts.get(ids[t]) ?? 0}/${expected[t]}`).join(', ')}`);
      }
      await sleep(25);
    }
  })();
  watching.catch(() => {}); // awaited below, once every send is out
  let next = 0;
  try {
    await Promise.all([
      (async () => {
        for (const { i } of mails) {
          await imap.append('INBOX', rawMail({ from: `Customer ${who(i)} <customer-${who(i)}@bench.test>`, to: opts.dovecot.user, subject: `E-mail ${i}`, messageId: `<bench-${run}-${i}@bench.test>` }, `E-mail message ${i}`));
        }
      })(),
      ...Array.from({ length: opts.connections ?? 20 }, async () => {
        while (next < http.length) {
          const m = http[next++]!;
          await sends[m.type](m.i);
        }
      }),
    ]);
  } finally {
    await imap.logout().catch(() => imap.close());
  }
  const sentMs = performance.now() - started;
  await watching;
  const storedMs = Math.max(...TYPES.map((t) => storedAt[t]));
  const budgetMs = 20_000;
  return {
    messages: opts.messages,
    perType: Object.fromEntries(TYPES.map((t) => [t, { messages: expected[t], storedMs: storedAt[t] }])) as ChannelsInboundFigures['perType'],
    sentMs,
    storedMs,
    storedPerSec: (opts.messages / storedMs) * 1000,
    budgetMs,
    pass: storedMs <= budgetMs,
  };
}

export async function measureImapTakeover(opts: { baseUrl: string; cookie: string; pool: Pool; dovecot: Dovecot; existing: number }): Promise<ImapTakeoverFigures> {
  const run = randomBytes(4).toString('hex');
  const imap = imapClient(opts.dovecot);
  await imap.connect();
  let fillMs: number;
  let channelId: string | undefined;
  try {
    // APPEND after APPEND, over a few connections at once: one alone waits out a round trip per mail.
    const filling = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: FILL_CONNECTIONS }, async () => {
      const c = imapClient(opts.dovecot);
      await c.connect();
      try {
        while (next < opts.existing) {
          const i = next++;
          await c.append('INBOX', rawMail({ from: `old-${i % 200}@bench.test`, to: opts.dovecot.user, subject: `Old mail ${i}`, messageId: `<old-${run}-${i}@bench.test>` }, `Old message ${i}`));
        }
      } finally {
        await c.logout().catch(() => c.close());
      }
    }));
    fillMs = performance.now() - filling;
    const status = await imap.status('INBOX', { messages: true });
    const held = status ? (status.messages ?? 0) : 0;
    if (held < opts.existing) throw new Error(`the mailbox holds ${held} mails, not ${opts.existing}`);

    const creating = performance.now();
    channelId = await createChannel(opts.baseUrl, opts.cookie, 'EMAIL', emailCredentials(opts.dovecot));
    const lastUid = await mailboxTaken(opts.pool, channelId, 60_000);
    const takeoverMs = performance.now() - creating;
    if (lastUid < opts.existing) throw new Error(`the watcher starts after UID ${lastUid}, below the ${opts.existing} mails already there`);
    // Long enough for a (wrong) import of old mail to show, and for the watcher to be idling.
    await sleep(2_000);

    const conversations = async () => Number((await opts.pool.query<{ n: string }>('select count(*) as n from conversations where channel_id = $1', [channelId])).rows[0]!.n);
    const importedOld = await conversations();
    const appended = performance.now();
    await imap.append('INBOX', rawMail({ from: 'New Customer <new@bench.test>', to: opts.dovecot.user, subject: `New mail ${run}`, messageId: `<new-${run}@bench.test>` }, 'A new question'));
    const deadline = Date.now() + 60_000;
    while ((await conversations()) <= importedOld) {
      if (Date.now() > deadline) throw new Error('the new mail did not reach the inbox within 60 s');
      await sleep(20);
    }
    const newMailMs = performance.now() - appended;
    const budgetMs = 5_000;
    return { existing: opts.existing, fillMs, takeoverMs, importedOld, newMailMs, budgetMs, pass: importedOld === 0 && newMailMs <= budgetMs };
  } finally {
    await imap.logout().catch(() => imap.close());
    if (channelId) await deleteChannels(opts.baseUrl, opts.cookie, [channelId]);
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export function channelsSummary(f: ChannelsFigures): string {
  const { inbound: a, takeover: b } = f;
  const rows = TYPES.map((t) => [t, String(a.perType[t].messages), seconds(a.perType[t].storedMs)]);
  rows.push(['all', String(a.messages), seconds(a.storedMs)]);
  const widths = [0, 1, 2].map((c) => Math.max(...[['type', 'messages', 'all stored after'], ...rows].map((r) => r[c]!.length)));
  const line = (r: string[]) => `  ${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padStart(widths[1]!)}  ${r[2]!.padStart(widths[2]!)}`;
  return [
    `channels-inbound: ${a.messages} customer messages over ${TYPES.length} channel types at once (e-mail by IMAP APPEND into Dovecot)`,
    line(['type', 'messages', 'all stored after']),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    `  sent in ${seconds(a.sentMs)}; stored ${a.storedPerSec.toFixed(0)}/s; budget ≤ ${seconds(a.budgetMs)}: ${a.pass ? 'PASS' : 'MISS'}`,
    '',
    `imap-takeover: a mailbox with ${b.existing} mails connected as a new EMAIL channel`,
    `  filled (APPEND, ${FILL_CONNECTIONS} connections) ${seconds(b.fillMs)}`,
    `  taken over (channel → watcher) ${seconds(b.takeoverMs)}`,
    `  old mails imported             ${b.importedOld}  (must be 0)`,
    `  new mail → inbox (IDLE)        ${seconds(b.newMailMs)}  budget ≤ ${seconds(b.budgetMs)}: ${b.pass ? 'PASS' : 'MISS'}`,
  ].join('\n');
}
