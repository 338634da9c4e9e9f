import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { conversations } from '../../db/schema/index.ts';
import { buildTestApp, twoOrganizations, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { rows } from '../../../test/helpers/database.ts';
import { insertChannel as insertChannelRow } from '../../../test/helpers/fixtures.ts';
import { recordInboundMessage, type InboundMessage } from './record-inbound-message.ts';

let t: TestApp;
let A: Org;
let B: Org;
let chat: string;
let mail: string;

const insertChannel = async (organizationId: string, type: 'WEBSITE_CHAT' | 'EMAIL' = 'WEBSITE_CHAT') =>
  (await insertChannelRow(t.app.db, { organizationId, type, name: type })).id;

let n = 0;
const visitor = () => `visitor-${Date.now()}-${n++}`;
const record = (input: Partial<InboundMessage> & { externalId: string }) =>
  recordInboundMessage(t.app, { organizationId: A.ADMIN.organizationId, channelId: chat, content: 'Hello?', ...input });

beforeAll(async () => {
  t = await buildTestApp();
  ({ A, B } = await twoOrganizations(t.app));
  chat = await insertChannel(A.ADMIN.organizationId);
  mail = await insertChannel(A.ADMIN.organizationId, 'EMAIL');
});
afterAll(() => t.close());

describe('recordInboundMessage', () => {
  test('first message: a customer, a conversation and an INBOUND CUSTOMER message, counted unread', async () => {
    const v = visitor();
    const r = await record({ externalId: v, customer: { name: 'Visitor One' }, content: 'My order never came' });
    expect(r.created).toBe(true);
    expect(r.conversationCreated).toBe(true);
    expect(r.message).toMatchObject({ direction: 'INBOUND', senderType: 'CUSTOMER', status: 'DELIVERED', authorId: null, content: 'My order never came', conversationId: r.conversation.id });
    expect(r.conversation).toMatchObject({ channelId: chat, status: 'OPEN', unread: true, unreadCount: 1, lastMessagePreview: 'My order never came', customer: { name: 'Visitor One' } });
    const api = await A.VIEWER.get(`/api/conversations/${r.conversation.id}`);
    expect(api.body.data).toEqual(r.conversation);
    expect((await A.VIEWER.get(`/api/conversations?search=never`)).body.data.items.map((c: { id: string }) => c.id)).toContain(r.conversation.id);
  });

  test('later messages continue the ongoing conversation and increment unreadCount', async () => {
    const v = visitor();
    const first = await record({ externalId: v, content: 'one' });
    const second = await record({ externalId: v, content: 'two' });
    const third = await record({ externalId: v, content: 'three' });
    expect(second.conversationCreated).toBe(false);
    expect(third.conversation.id).toBe(first.conversation.id);
    expect(third.conversation.unreadCount).toBe(3);
    expect(third.conversation.lastMessagePreview).toBe('three');
    const messages = (await A.VIEWER.get(`/api/conversations/${first.conversation.id}/messages`)).body.data.items.map((m: { content: string }) => m.content);
    expect(messages).toEqual(['one', 'two', 'three']);
    await A.AGENT.post(`/api/conversations/${first.conversation.id}/read`);
    expect((await record({ externalId: v, content: 'four' })).conversation.unreadCount).toBe(1);
  });

  test('the same clientMessageId twice is one message (created=false the second time, nothing counted)', async () => {
    const v = visitor();
    const first = await record({ externalId: v, clientMessageId: 'c-1', content: 'retry me' });
    const again = await record({ externalId: v, clientMessageId: 'c-1', content: 'retry me' });
    expect(again.created).toBe(false);
    expect(again.message.id).toBe(first.message.id);
    expect(again.conversation.unreadCount).toBe(1);
    const [{ n }] = await rows<{ n: number }>(t.app.db, sql`select count(*)::int as n from messages where conversation_id = ${first.conversation.id}`) as [{ n: number }];
    expect(n).toBe(1);
    // Another id is another message.
    expect((await record({ externalId: v, clientMessageId: 'c-2' })).created).toBe(true);
  });

  test('concurrent retries of the same message store it once', async () => {
    const v = visitor();
    await record({ externalId: v, content: 'opening' });
    const results = await Promise.all(Array.from({ length: 5 }, () => record({ externalId: v, clientMessageId: 'same', content: 'burst' })));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(results.at(-1)!.conversation.unreadCount).toBeGreaterThanOrEqual(2);
    const [{ n }] = await rows<{ n: number }>(t.app.db, sql`select count(*)::int as n from messages where client_message_id = 'same'`) as [{ n: number }];
    expect(n).toBe(1);
  });

  test('concurrent first messages of one visitor open one conversation', async () => {
    const v = visitor();
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => record({ externalId: v, content: `hi ${i}` })));
    expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.conversation.customer!.id)).size).toBe(1);
    expect(results.filter((r) => r.conversationCreated)).toHaveLength(1);
  });

  test('concurrent messages of a known customer whose conversation was closed open one new conversation', async () => {
    const v = visitor();
    const first = await record({ externalId: v, content: 'first' });
    await t.app.db.update(conversations).set({ status: 'CLOSED' }).where(eq(conversations.id, first.conversation.id));
    // The customer is known now: the identity lookup itself takes the customer's lock.
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => record({ externalId: v, content: `back ${i}` })));
    expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
    expect(results[0]!.conversation.id).not.toBe(first.conversation.id);
    expect(results.filter((r) => r.conversationCreated)).toHaveLength(1);
    expect(new Set(results.map((r) => r.conversation.customer!.id))).toEqual(new Set([first.conversation.customer!.id]));
  });

  test('the provider\'s message id de-duplicates across the organization', async () => {
    const v = visitor();
    const first = await record({ externalId: v, messageExternalId: 'mid.123', content: 'webhook' });
    const redelivered = await record({ externalId: v, messageExternalId: 'mid.123', content: 'webhook' });
    expect(redelivered.created).toBe(false);
    expect(redelivered.message.id).toBe(first.message.id);
    expect(redelivered.conversation.unreadCount).toBe(1);
  });

  test('a closed conversation is not reopened: the next message starts a new one; PENDING becomes OPEN', async () => {
    const v = visitor();
    const first = await record({ externalId: v });
    await A.AGENT.patch(`/api/conversations/${first.conversation.id}`, { status: 'CLOSED' });
    const next = await record({ externalId: v, content: 'me again' });
    expect(next.conversationCreated).toBe(true);
    expect(next.conversation.id).not.toBe(first.conversation.id);
    expect(next.conversation.customer!.id).toBe(first.conversation.customer!.id);
    await A.AGENT.patch(`/api/conversations/${next.conversation.id}`, { status: 'PENDING' });
    expect((await record({ externalId: v, content: 'any news?' })).conversation).toMatchObject({ id: next.conversation.id, status: 'OPEN' });
  });

  test('customers are one per person: identity, then email, then phone', async () => {
    const email = `person-${Date.now()}@example.com`;
    const viaChat = await record({ externalId: visitor(), customer: { name: 'P', email } });
    const viaMail = await recordInboundMessage(t.app, { organizationId: A.ADMIN.organizationId, channelId: mail, externalId: email.toUpperCase(), customer: { email: email.toUpperCase() }, content: 'by mail' });
    expect(viaMail.conversation.customer!.id).toBe(viaChat.conversation.customer!.id);
    expect(viaMail.conversation.id).not.toBe(viaChat.conversation.id);
    // A visitor who later gives their email keeps their customer and gains the email.
    const v = visitor();
    const anon = await record({ externalId: v });
    expect(anon.conversation.customer).toMatchObject({ name: null, email: null });
    const named = await record({ externalId: v, customer: { name: 'Named Later', email: `later-${Date.now()}@example.com`, phone: '+386 1 234 5678' } });
    expect(named.conversation.customer).toMatchObject({ id: anon.conversation.customer!.id, name: 'Named Later', phone: '+38612345678' });
    // …and an email that is someone else's is not taken over.
    const taken = await record({ externalId: visitor(), customer: { email } });
    expect(taken.conversation.customer!.id).toBe(viaChat.conversation.customer!.id);
  });

  test('a channel of another organization is refused; nothing is stored', async () => {
    const foreign = await insertChannel(B.ADMIN.organizationId);
    await expect(recordInboundMessage(t.app, { organizationId: A.ADMIN.organizationId, channelId: foreign, externalId: 'x', content: 'hi' })).rejects.toThrow(/Channel not found/);
    expect(await t.app.db.select().from(conversations).where(eq(conversations.channelId, foreign))).toEqual([]);
  });

  test('attachments are kept with the message and shown with their download url', async () => {
    const r = await record({ externalId: visitor(), content: '', attachments: [{ id: 'm1', name: 'photo.png', mimeType: 'image/png', size: 10 }] });
    expect(r.message.attachments).toEqual([{ id: 'm1', name: 'photo.png', mimeType: 'image/png', size: 10, url: '/api/media/m1?download=1' }]);
    expect(r.conversation.lastMessagePreview).toBe('📎 photo.png');
  });

  test('emits conversation.created/updated and message.created in its transaction, nothing for a duplicate', async () => {
    const emit = vi.spyOn(t.app.events, 'emit');
    const v = visitor();
    const first = await record({ externalId: v, clientMessageId: 'p1' });
    await record({ externalId: v, clientMessageId: 'p2' });
    await record({ externalId: v, clientMessageId: 'p2' });
    const emitted = emit.mock.calls.map(([, event]) => event);
    expect(emitted.map((e) => e.type)).toEqual(['conversation.created', 'message.created', 'conversation.updated', 'message.created']);
    expect(emitted[0]).toEqual({ organizationId: A.ADMIN.organizationId, type: 'conversation.created', data: first.conversation });
    expect(emitted[1]!.data).toEqual(first.message);
    emit.mockRestore();
  });
});

describe('provider text PostgreSQL cannot store', () => {
  test('is cleaned, not refused: NUL dropped, lone surrogates replaced, the message still lands', async () => {
    const r = await record({ externalId: `bad\u0000${visitor()}`, customer: { name: 'Eve\ud800' }, content: 'hello\u0000 wor\udc00ld', messageExternalId: `wamid.\u0000${visitor()}` });
    expect(r.created).toBe(true);
    expect(r.message.content).toBe('hello wor\ufffdld');
    expect(r.conversation.customer?.name).toBe('Eve\ufffd');
  });
});

describe('language on inbound (CONTRACT §8.2)', () => {
  const GERMAN = 'Guten Tag, ich habe vor zwei Wochen eine Bestellung aufgegeben und sie ist immer noch nicht angekommen.';
  const ENGLISH = 'Hello, I would like to know where my order is, it has not arrived yet after two weeks.';

  test('a confident detection sets the message language and the conversation language when it is null', async () => {
    const r = await record({ externalId: visitor(), content: GERMAN });
    expect(r.message.language).toBe('de');
    expect(r.conversation.language).toBe('de');
  });

  test('a text too short to tell takes the conversation language', async () => {
    const v = visitor();
    await record({ externalId: v, content: GERMAN });
    const short = await record({ externalId: v, content: 'Hello there' });
    expect(short.message.language).toBe('de');
    expect(short.conversation.language).toBe('de');
  });

  test('without a conversation language a short text takes the channel fallbackLanguage, and sets nothing on the conversation', async () => {
    const channelId = (await insertChannelRow(t.app.db, { organizationId: A.ADMIN.organizationId, type: 'WEBSITE_CHAT', name: 'sl', fallbackLanguage: 'sl' })).id;
    const r = await recordInboundMessage(t.app, { organizationId: A.ADMIN.organizationId, channelId, externalId: visitor(), content: 'Hi' });
    expect(r.message.language).toBe('sl');
    expect(r.conversation.language).toBeNull();
  });

  test('an agent\'s language wins: later detections never overwrite it', async () => {
    const v = visitor();
    const first = await record({ externalId: v, content: GERMAN });
    expect((await A.AGENT.patch(`/api/conversations/${first.conversation.id}`, { language: 'fr' })).status).toBe(200);
    const next = await record({ externalId: v, content: ENGLISH });
    expect(next.message.language).toBe('en');
    expect(next.conversation.language).toBe('fr');
  });
});
