import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, twoOrganizations, type Org, type TestApp } from '../../../../../test/helpers/app.ts';
import { rows } from '../../../../../test/helpers/database.ts';
import { FAKE_PNG, sharedFakeProviders, type FakeProviders } from '../../../../../test/helpers/fake-providers.ts';
import { eventually } from '../../../../../test/helpers/instances.ts';

const PUBLIC_URL = 'http://127.0.0.1:9';
const BOT_TOKEN = '777001:bot-token_A';

let t: TestApp;
let A: Org;
let fake: FakeProviders;
let channelId: string;
let secret: string;

const post = (id: string, body: unknown, token?: string) => t.app.inject({
  method: 'POST',
  url: `/api/webhooks/telegram/${id}`,
  headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { 'x-telegram-bot-api-secret-token': token }) },
  payload: JSON.stringify(body),
});
const textUpdate = (updateId: number, text: string, chatId = 4242) => ({
  update_id: updateId,
  message: { message_id: updateId, date: 1, chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: 'Tina' }, text },
});
const inbound = (content: string) => rows<{ id: string; conversation_id: string; attachments: { mimeType: string }[] }>(
  t.app.db, sql`select id, conversation_id, attachments from messages where content = ${content} and direction = 'INBOUND'`,
);
type Row = { status: string; error: string | null; external_id: string | null };
const settled = (id: string) => eventually(
  async () => (await rows<Row>(t.app.db, sql`select status, error, external_id from messages where id = ${id}`))[0]!,
  (m) => m.status !== 'PENDING', 20_000,
);

beforeAll(async () => {
  fake = await sharedFakeProviders();
  t = await buildTestApp({ PUBLIC_URL });
  ({ A } = await twoOrganizations(t.app));
  const res = await A.ADMIN.post('/api/channels', { type: 'TELEGRAM', name: 'Bot', credentials: { botToken: BOT_TOKEN } });
  expect(res.status).toBe(201);
  channelId = res.body.data.id;
});
afterAll(() => t.close());

describe('Telegram webhook setup', () => {
  test('create registers the webhook under PUBLIC_URL with a generated secret that no response shows', async () => {
    const call = fake.requests.find((r) => r.path === `/telegram/bot${BOT_TOKEN}/setWebhook`);
    expect(call!.body.url).toBe(`${PUBLIC_URL}/api/webhooks/telegram/${channelId}`);
    secret = call!.body.secret_token;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32,256}$/);
    const got = await A.ADMIN.get(`/api/channels/${channelId}`);
    expect(JSON.stringify(got.body)).not.toContain(secret);
  });
});

describe('Telegram updates in', () => {
  test('a wrong or missing secret is 401 and stores nothing; an unknown channel is 404', async () => {
    expect((await post(channelId, textUpdate(1, 'no secret'))).statusCode).toBe(401);
    expect((await post(channelId, textUpdate(2, 'bad secret'), 'nope')).statusCode).toBe(401);
    expect(await inbound('no secret')).toHaveLength(0);
    expect(await inbound('bad secret')).toHaveLength(0);
    expect((await post('no-such-channel', textUpdate(3, 'x'), secret)).statusCode).toBe(404);
  });

  test('a text update lands once, even when Telegram delivers it again', async () => {
    expect((await post(channelId, textUpdate(10, 'hello bot'), secret)).statusCode).toBe(200);
    expect((await post(channelId, textUpdate(10, 'hello bot'), secret)).statusCode).toBe(200);
    expect(await inbound('hello bot')).toHaveLength(1);
  });

  test('a photo is downloaded (getFile + file) and attached', async () => {
    const update = { update_id: 11, message: { message_id: 11, date: 1, chat: { id: 4242, type: 'private' }, caption: 'my photo', photo: [{ file_id: 'small', width: 90 }, { file_id: 'big', width: 800 }] } };
    expect((await post(channelId, update, secret)).statusCode).toBe(200);
    const [m] = await inbound('my photo');
    expect(m!.attachments).toHaveLength(1);
    expect(m!.attachments[0]!.mimeType).toBe('image/png');
    expect(fake.requests.some((r) => r.path.endsWith('/getFile') && r.body?.file_id === 'big')).toBe(true);
  });
});

describe('Telegram replies', () => {
  const reply = async (content: string) => {
    const [m] = await inbound('hello bot');
    const res = await A.AGENT.post(`/api/conversations/${m!.conversation_id}/messages`, { conversationId: m!.conversation_id, content });
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  };

  test('sendMessage to the chat; result.message_id is kept', async () => {
    const m = await settled(await reply('hi from the agent'));
    expect(m.status).toBe('SENT');
    const call = fake.requests.find((r) => r.path === `/telegram/bot${BOT_TOKEN}/sendMessage` && r.body?.text === 'hi from the agent');
    expect(call!.body.chat_id).toBe('4242');
    expect(m.external_id).toBe(`telegram:${channelId}:4242:${call!.answer.result.message_id}`);
  });

  test('a blocked bot fails with Telegram\'s reason; 429 is retried', async () => {
    const blocked = await settled(await reply('BLOCKED_BY_USER hi'));
    expect(blocked.status).toBe('FAILED');
    expect(blocked.error).toMatch(/blocked by the user/);
    const limited = await settled(await reply('TRANSIENT_ONCE tg'));
    expect(limited.status).toBe('SENT');
  });

  test('deleting the channel deletes the webhook', async () => {
    expect((await A.ADMIN.delete(`/api/channels/${channelId}`)).status).toBe(200);
    expect(fake.requests.some((r) => r.path === `/telegram/bot${BOT_TOKEN}/deleteWebhook`)).toBe(true);
  });
});
