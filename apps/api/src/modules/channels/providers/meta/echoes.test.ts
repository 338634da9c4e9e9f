import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, type Org, type TestApp, twoOrganizations } from '../../../../../test/helpers/app.ts';
import { rows } from '../../../../../test/helpers/database.ts';
import { graphTokenFor, sharedFakeProviders, type FakeProviders } from '../../../../../test/helpers/fake-providers.ts';
import { eventually } from '../../../../../test/helpers/instances.ts';
import { EchoDeferredError, processMetaDelivery } from './inbound.ts';

const SECRET = 'global-app-secret';
const PAGE_ID = '3234567890';
const IG_ID = '3234567891';

let t: TestApp;
let A: Org;
let fake: FakeProviders;
let pageChannelId: string;

const sign = (raw: string) => `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`;
async function deliverWebhook(provider: string, body: unknown) {
  const raw = JSON.stringify(body);
  const res = await t.app.inject({ method: 'POST', url: `/api/webhooks/${provider}`, headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw) }, payload: raw });
  expect(res.statusCode).toBe(200);
}
const entryOf = (accountId: string, messaging: unknown[]) => ({ object: 'page', entry: [{ id: accountId, time: Date.now(), messaging }] });
/** The customer writes to the page. */
const customer = (accountId: string, psid: string, mid: string, text: string) =>
  entryOf(accountId, [{ sender: { id: psid }, recipient: { id: accountId }, timestamp: Date.now(), message: { mid, text } }]);
/** The page writes to the customer (Meta echoes it): sender is the page, recipient the customer. */
const echo = (accountId: string, psid: string, mid: string, text: string, extra: Record<string, unknown> = {}) =>
  entryOf(accountId, [{ sender: { id: accountId }, recipient: { id: psid }, timestamp: Date.now(), message: { mid, text, is_echo: true, app_id: 263902037430900, ...extra } }]);

type Row = { id: string; conversation_id: string; direction: string; sender_type: string; author_id: string | null; status: string; external_id: string | null };
const byContent = (content: string) =>
  rows<Row>(t.app.db, sql`select id, conversation_id, direction, sender_type, author_id, status, external_id from messages where content = ${content}`);
const conversationOf = async (content: string) => (await eventually(() => byContent(content), (r) => r.length === 1))[0]!.conversation_id;
const unreadOf = async (conversationId: string) =>
  (await rows<{ n: number }>(t.app.db, sql`select unread_count as n from conversations where id = ${conversationId}`))[0]!.n;
const settle = () => new Promise((r) => setTimeout(r, 600));

beforeAll(async () => {
  fake = await sharedFakeProviders();
  t = await buildTestApp({ META_APP_SECRET: SECRET, OUTBOUND_ALLOW: new URL(fake.graphUrl).host });
  ({ A } = await twoOrganizations(t.app));
  const fb = await A.ADMIN.post('/api/channels', { type: 'FACEBOOK', name: 'Page', credentials: { pageId: PAGE_ID, accessToken: graphTokenFor(PAGE_ID) } });
  expect(fb.status).toBe(201);
  pageChannelId = fb.body.data.id;
  expect((await A.ADMIN.post('/api/channels', { type: 'INSTAGRAM', name: 'IG', credentials: { accountId: IG_ID, accessToken: graphTokenFor(IG_ID) } })).status).toBe(201);
});
afterAll(() => t.close());

describe('Meta echoes', () => {
  test('a reply written in Meta\'s inbox is recorded once as an agent message without author, SENT, not delivered again, not unread', async () => {
    await deliverWebhook('facebook', customer(PAGE_ID, 'psid-e1', 'm_e1_in', 'is the shop open on Sunday?'));
    const conv = await conversationOf('is the shop open on Sunday?');
    const unread = await unreadOf(conv);
    const body = echo(PAGE_ID, 'psid-e1', 'm_e1_human', 'Yes, from 10 to 14.');
    await deliverWebhook('facebook', body);
    await deliverWebhook('facebook', body);
    const [m] = await eventually(() => byContent('Yes, from 10 to 14.'), (r) => r.length > 0);
    expect(m).toMatchObject({ conversation_id: conv, direction: 'OUTBOUND', sender_type: 'AGENT', author_id: null, status: 'SENT', external_id: 'facebook:m_e1_human' });
    await settle();
    expect(await byContent('Yes, from 10 to 14.')).toHaveLength(1);
    expect(await unreadOf(conv)).toBe(unread);
    expect(fake.requests.filter((r) => r.body?.message?.text === 'Yes, from 10 to 14.')).toHaveLength(0);
    // The agent view shows it like any reply: no author, already sent.
    const list = await A.AGENT.get(`/api/conversations/${conv}/messages`);
    expect(list.body.data.items.find((x: { content: string }) => x.content === 'Yes, from 10 to 14.')).toMatchObject({ direction: 'OUTBOUND', senderType: 'AGENT', authorId: null, status: 'SENT' });
  });

  test('the echo of a reply we sent (its mid is our externalId, or our id in its metadata) adds nothing', async () => {
    await deliverWebhook('facebook', customer(PAGE_ID, 'psid-e2', 'm_e2_in', 'can I pay by card?'));
    const conv = await conversationOf('can I pay by card?');
    const res = await A.AGENT.post(`/api/conversations/${conv}/messages`, { conversationId: conv, content: 'Sure, any card.' });
    expect(res.status).toBe(201);
    const [sent] = await eventually(() => byContent('Sure, any card.'), (r) => r[0]?.status === 'SENT');
    const send = fake.requests.find((r) => r.body?.message?.text === 'Sure, any card.')!;
    expect(send.body.message.metadata).toBe(`helpstack:${sent!.id}`);
    const mid = sent!.external_id!.replace(/^facebook:/, '');
    await deliverWebhook('facebook', echo(PAGE_ID, 'psid-e2', mid, 'Sure, any card.', { app_id: 1 }));
    // A second part of the same send (an attachment): another mid, but our message id in the metadata.
    await deliverWebhook('facebook', echo(PAGE_ID, 'psid-e2', 'm_e2_part2', '', { metadata: `helpstack:${sent!.id}`, attachments: [{ type: 'image', payload: { url: 'https://cdn.example/x.png' } }] }));
    await settle();
    expect(await byContent('Sure, any card.')).toHaveLength(1);
    expect(await rows(t.app.db, sql`select id from messages where external_id = 'facebook:m_e2_part2'`)).toHaveLength(0);
  });

  test('an echo arriving while a reply to that customer is mid-send waits for it, and then matches it', async () => {
    await deliverWebhook('facebook', customer(PAGE_ID, 'psid-e3', 'm_e3_in', 'do you ship abroad?'));
    const conv = await conversationOf('do you ship abroad?');
    // A reply whose Send API call is under way: PENDING, one attempt begun, Meta's mid not stored yet.
    const [ours] = await rows<{ id: string }>(t.app.db, sql`
      insert into messages (id, organization_id, conversation_id, direction, sender_type, content, status, attempts)
      select 'msg_e3_inflight', organization_id, id, 'OUTBOUND', 'AGENT', 'We ship to the EU.', 'PENDING', 1 from conversations where id = ${conv}
      returning id`);
    const job = { provider: 'facebook', entries: [{ channelId: pageChannelId, accountId: PAGE_ID, entry: echo(PAGE_ID, 'psid-e3', 'm_e3_ours', 'We ship to the EU.').entry[0]! }] };
    await expect(processMetaDelivery(t.app, job, { deferEchoes: true })).rejects.toBeInstanceOf(EchoDeferredError);
    expect(await byContent('We ship to the EU.')).toHaveLength(1);
    // The send completes; the retried job finds the mid is ours.
    await t.app.db.execute(sql`update messages set status = 'SENT', external_id = 'facebook:m_e3_ours' where id = ${ours!.id}`);
    await processMetaDelivery(t.app, job, { deferEchoes: true });
    expect(await byContent('We ship to the EU.')).toHaveLength(1);

    // On the job's last try an echo is recorded even if something is still mid-send.
    await t.app.db.execute(sql`update messages set status = 'PENDING', external_id = null where id = ${ours!.id}`);
    const human = { ...job, entries: [{ ...job.entries[0]!, entry: echo(PAGE_ID, 'psid-e3', 'm_e3_human', 'Outside the EU too.').entry[0]! }] };
    await expect(processMetaDelivery(t.app, human, { deferEchoes: true })).rejects.toBeInstanceOf(EchoDeferredError);
    await processMetaDelivery(t.app, human, { deferEchoes: false });
    expect(await byContent('Outside the EU too.')).toMatchObject([{ conversation_id: conv, sender_type: 'AGENT', author_id: null }]);
  });

  test('an Instagram echo to a customer with no conversation yet opens one, with the reply as an agent message', async () => {
    await deliverWebhook('instagram', echo(IG_ID, 'igsid-e4', 'ig_e4_human', 'Thanks for the follow!'));
    const [m] = await eventually(() => byContent('Thanks for the follow!'), (r) => r.length > 0);
    expect(m).toMatchObject({ direction: 'OUTBOUND', sender_type: 'AGENT', author_id: null, status: 'SENT', external_id: 'instagram:ig_e4_human' });
    expect(await unreadOf(m!.conversation_id)).toBe(0);
    // The customer's answer continues that conversation.
    await deliverWebhook('instagram', customer(IG_ID, 'igsid-e4', 'ig_e4_in', 'You are welcome'));
    expect(await conversationOf('You are welcome')).toBe(m!.conversation_id);
  });
});
