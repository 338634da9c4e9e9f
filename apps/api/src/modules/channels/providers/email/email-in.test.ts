import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signupActor, type Actor } from '../../../../../test/helpers/app.ts';
import { createTestDatabase } from '../../../../../test/helpers/database.ts';
import { dovecotAvailable, rawMail, startDovecot } from '../../../../../test/helpers/dovecot.ts';
import { buildInstance, eventually } from '../../../../../test/helpers/instances.ts';
import { startSmtpSink } from '../../../../../test/helpers/smtp-sink.ts';
import type { App } from '../../../../app.ts';
import type { Database } from '../../../../db/client.ts';
import { conversations, emailMailboxes, messages } from '../../../../db/schema/index.ts';

const available = await dovecotAvailable();

describe.runIf(available)('EMAIL inbound by IMAP (real Dovecot)', () => {
  let dovecot: Awaited<ReturnType<typeof startDovecot>>;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let database: Database;
  let app: App;
  let admin: Actor;
  let channelId: string;
  const to = 'support@example.test';

  beforeAll(async () => {
    dovecot = await startDovecot();
    sink = await startSmtpSink();
    // Mail already in the mailbox before the channel exists: never imported.
    await dovecot.append(rawMail({ from: 'old@customer.test', to, subject: 'Ancient', messageId: '<old-1@customer.test>' }, 'from before'));
    database = await createTestDatabase();
    app = await buildInstance(database, {
      env: { OUTBOUND_ALLOW: `127.0.0.1:${dovecot.port},127.0.0.1:${sink.port}` },
      jobs: { delivery: { retryLimit: 1, retryDelaySeconds: 1, pollingIntervalSeconds: 0.5 } },
    });
    admin = await signupActor(app, 'mail-in');
    const res = await admin.post('/api/channels', {
      type: 'EMAIL',
      name: 'Inbox',
      credentials: {
        host: '127.0.0.1', port: sink.port, secure: false, username: dovecot.user, password: dovecot.password, from: to,
        imapHost: '127.0.0.1', imapPort: dovecot.port, imapSecure: false,
      },
    });
    expect(res.status).toBe(201);
    channelId = res.body.data.id;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await sink?.close();
    await dovecot?.stop();
  });

  const conversationsOf = () => app.db.select().from(conversations).where(eq(conversations.channelId, channelId));
  const messagesOf = (conversationId: string) => app.db.select().from(messages).where(and(eq(messages.conversationId, conversationId)));

  test('the channel status is OK once the IMAP login works', async () => {
    const s = await eventually(async () => (await admin.get(`/api/channels/${channelId}`)).body.data.status, (x) => x !== null, 30_000, 250);
    expect(s).toMatchObject({ state: 'OK', error: null });
  });

  test('new mail becomes a conversation with its subject, quoted history stripped; old mail is not imported', async () => {
    // Wait until the poller has taken the mailbox over (its bookkeeping row exists with a UIDVALIDITY).
    await eventually(async () => (await app.db.select().from(emailMailboxes).where(eq(emailMailboxes.channelId, channelId)))[0]?.uidValidity ?? null, (v) => v !== null, 20_000, 200);
    await dovecot.append(rawMail(
      { from: 'Ann <ann@customer.test>', to, subject: 'Broken zipper', messageId: '<ann-1@customer.test>' },
      'My zipper broke.\r\n\r\nOn Mon, 1 Jan 2024 Bob wrote:\r\n> older text\r\n> more older text\r\n',
    ));
    const [conversation] = await eventually(conversationsOf, (cs) => cs.length > 0, 20_000, 200);
    expect(conversation!.subject).toBe('Broken zipper');
    const [message] = await messagesOf(conversation!.id);
    expect(message).toMatchObject({ direction: 'INBOUND', externalId: '<ann-1@customer.test>' });
    expect(message!.content).toContain('My zipper broke.');
    expect(message!.content).not.toContain('older text');
    expect((await conversationsOf()).some((c) => c.subject === 'Ancient')).toBe(false);
  });

  test('a reply to our mail continues its conversation; an auto-reply is ignored', async () => {
    const [conversation] = await conversationsOf();
    const reply = await admin.post(`/api/conversations/${conversation!.id}/messages`, { conversationId: conversation!.id, content: 'We send a new one.' });
    const sent = await eventually(async () => (await app.db.select().from(messages).where(eq(messages.id, reply.body.data.id)))[0]!, (m) => m.status === 'SENT', 15_000, 200);
    await dovecot.append(rawMail(
      { from: 'ann@customer.test', to, subject: 'Out of office', messageId: '<auto-1@customer.test>', inReplyTo: sent.externalId!, extra: 'Auto-Submitted: auto-replied' },
      'I am away.',
    ));
    await dovecot.append(rawMail(
      { from: 'ann@customer.test', to, subject: 'Re: Broken zipper', messageId: '<ann-2@customer.test>', inReplyTo: sent.externalId! },
      'Thank you!',
    ));
    const all = await eventually(() => messagesOf(conversation!.id), (ms) => ms.some((m) => m.externalId === '<ann-2@customer.test>'), 20_000, 200);
    expect(all.some((m) => m.content.includes('I am away'))).toBe(false);
    expect(await conversationsOf()).toHaveLength(1);
  });

  test('new mail is announced by IDLE: in the inbox within 5 s, well before the next periodic look', async () => {
    // Quiet first, so that the watcher is idling rather than between two commands.
    await new Promise((r) => setTimeout(r, 2_000));
    const appended = Date.now();
    await dovecot.append(rawMail({ from: 'cai@customer.test', to, subject: 'Idle check', messageId: '<cai-1@customer.test>' }, 'Are you there?'));
    await eventually(conversationsOf, (cs) => cs.some((c) => c.subject === 'Idle check'), 5_000, 50);
    expect(Date.now() - appended).toBeLessThan(5_000);
  });

  test('an HTML mail: its sanitised body and own subject reach the agent, quoted history included for collapsing', async () => {
    const raw = [
      'From: Bea <bea@customer.test>', `To: ${to}`, 'Subject: Invoice question', 'Message-ID: <bea-1@customer.test>',
      `Date: ${new Date().toUTCString()}`, 'MIME-Version: 1.0', 'Content-Type: multipart/alternative; boundary="b1"', '',
      '--b1', 'Content-Type: text/plain; charset=utf-8', '', 'Where is my <b>invoice</b>?', '', '--b1', 'Content-Type: text/html; charset=utf-8', '',
      '<p onclick="x()">Where is my <b>invoice</b>?</p><script>alert(1)</script><img src="https://tracker.test/p.gif">',
      '<div class="gmail_quote">On Mon Bob wrote:<blockquote class="gmail_quote">older</blockquote></div>', '--b1--', '',
    ].join('\r\n');
    await dovecot.append(raw);
    const conversation = await eventually(async () => (await conversationsOf()).find((c) => c.subject === 'Invoice question'), (c) => c !== undefined, 20_000, 200);
    const res = await admin.get(`/api/conversations/${conversation!.id}/messages`);
    const [message] = res.body.data.items;
    expect(message.content).toBe('Where is my <b>invoice</b>?');
    expect(message.email.subject).toBe('Invoice question');
    expect(message.email.html).toContain('<p>Where is my <b>invoice</b>?</p>');
    expect(message.email.html).toContain('<blockquote class="gmail_quote">older</blockquote>');
    expect(message.email.html).not.toMatch(/script|onclick|img|tracker/);
  });
});
