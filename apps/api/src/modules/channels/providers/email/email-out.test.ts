import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signupActor, type Actor } from '../../../../../test/helpers/app.ts';
import { createTestDatabase } from '../../../../../test/helpers/database.ts';
import { buildInstance, eventually } from '../../../../../test/helpers/instances.ts';
import { startSmtpSink } from '../../../../../test/helpers/smtp-sink.ts';
import type { App } from '../../../../app.ts';
import type { Database } from '../../../../db/client.ts';
import { messages } from '../../../../db/schema/index.ts';

const FAST = { retryLimit: 2, retryDelaySeconds: 1, retryBackoff: false, pollingIntervalSeconds: 0.5 };

let database: Database;
let app: App;
let admin: Actor;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let channelId: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  database = await createTestDatabase();
  app = await buildInstance(database, { env: { OUTBOUND_ALLOW: `127.0.0.1:${sink.port}` }, jobs: { delivery: FAST } });
  admin = await signupActor(app, 'mail-out');
  const res = await admin.post('/api/channels', {
    type: 'EMAIL',
    name: 'Support mail',
    credentials: { host: '127.0.0.1', port: sink.port, secure: false, username: 'support', password: 'pw', from: 'support@shop.test' },
  });
  expect(res.status).toBe(201);
  channelId = res.body.data.id;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  await sink?.close();
});

const messageOf = async (id: string) => (await app.db.select().from(messages).where(eq(messages.id, id)))[0]!;
const settled = (id: string) => eventually(() => messageOf(id), (m) => m.status !== 'PENDING', 15_000);
const mailWith = async (text: string) => (await eventually(async () => sink.mails.find((m) => m.text?.includes(text)), (m) => !!m, 15_000))!;

describe('EMAIL delivery over SMTP', () => {
  test('an agent-started conversation is a new thread; the reply answers it with Re: and threading headers', async () => {
    const created = await admin.post('/api/conversations', {
      channelId, subject: 'Your order 42', customer: { email: 'ann@customer.test', name: 'Ann' }, content: 'Hello Ann,\nyour order shipped.',
    });
    expect(created.status).toBe(201);
    const first = await mailWith('your order shipped');
    expect(first.from?.value[0]?.address).toBe('support@shop.test');
    expect((Array.isArray(first.to) ? first.to[0] : first.to)?.value[0]?.address).toBe('ann@customer.test');
    expect(first.subject).toBe('Your order 42');
    expect(first.messageId).toMatch(/^<[^<>\s]+@[^<>\s]+>$/);
    expect(first.html).toContain('your order shipped');
    const [firstMessage] = (await admin.get(`/api/conversations/${created.body.data.id}/messages`)).body.data.items;
    expect((await settled(firstMessage.id))).toMatchObject({ status: 'SENT', externalId: first.messageId });

    const reply = await admin.post(`/api/conversations/${created.body.data.id}/messages`, { conversationId: created.body.data.id, content: 'One more thing <b>x</b>' });
    expect(reply.status).toBe(201);
    const second = await mailWith('One more thing');
    expect(second.subject).toBe('Re: Your order 42');
    expect(second.inReplyTo).toBe(first.messageId);
    expect([second.references].flat()).toContain(first.messageId);
    expect(second.html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(await settled(reply.body.data.id)).toMatchObject({ status: 'SENT', externalId: second.messageId });
  });

  test('a 5xx answer fails the message at once with the reason; a 4xx one is retried', async () => {
    const c = (await admin.post('/api/conversations', { channelId, subject: 'Refused', customer: { email: 'bob@customer.test' } })).body.data;
    sink.failNext(550);
    const refused = await admin.post(`/api/conversations/${c.id}/messages`, { conversationId: c.id, content: 'will bounce' });
    const failed = await settled(refused.body.data.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/550/);
    expect(failed.attempts).toBe(1);

    sink.failNext(451);
    const later = await admin.post(`/api/conversations/${c.id}/messages`, { conversationId: c.id, content: 'second try works' });
    const sent = await settled(later.body.data.id);
    expect(sent.status).toBe('SENT');
    expect(sent.attempts).toBe(2);
  });
});

describe('channel.status (CONTRACT §10)', () => {
  const statusOf = (id: string) => eventually(async () => (await admin.get(`/api/channels/${id}`)).body.data.status, (s) => s !== null, 30_000, 250);

  test('a channel whose SMTP server answers is OK', async () => {
    expect(await statusOf(channelId)).toMatchObject({ state: 'OK', error: null, checkedAt: expect.any(String) });
  });

  test('an IMAP server that does not speak IMAP shows ERROR with the reason', async () => {
    const res = await admin.post('/api/channels', {
      type: 'EMAIL',
      name: 'IMAP at the SMTP sink',
      credentials: { host: '127.0.0.1', port: sink.port, secure: false, username: 'u', password: 'pw', from: 'a@shop.test', imapHost: '127.0.0.1', imapPort: sink.port, imapSecure: false },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.status).toBeNull();
    const status = await statusOf(res.body.data.id);
    expect(status).toMatchObject({ state: 'ERROR', checkedAt: expect.any(String) });
    expect(status.error).toMatch(/IMAP/);
  });
});
