import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, client, errorOf, signupActor, twoOrganizations, type Actor, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { eventually, listen, openSocket, sleep, type TestSocket } from '../../../test/helpers/instances.ts';
import { decryptPush, newPushSubscriber, startReceiver, verifyVapid, type Receiver } from '../../../test/helpers/push-receiver.ts';
import { startSmtpSink } from '../../../test/helpers/smtp-sink.ts';
import { installationSecrets, notificationDeliveries } from '../../db/schema/index.ts';
import { requeueStrandedDeliveries } from './integrations/deliver.ts';
import { testPayload } from './integrations/payloads.ts';
import { strandedDeliveryIds } from './integrations/queries.ts';
import { notificationsSubscriber } from './subscriber.ts';
import { createVapid } from './vapid.ts';

let t: TestApp;
let A: Org;
let B: Org;
let rx: Receiver;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let channelId: string;
let wsBase: string;
const sockets: TestSocket[] = [];
const PREFS = '/api/notifications/preferences';
const INTEGRATIONS = '/api/notifications/integrations';
const SUB = '/api/notifications/push-subscription';

beforeAll(async () => {
  rx = await startReceiver();
  smtp = await startSmtpSink();
  t = await buildTestApp({
    OUTBOUND_ALLOW: `127.0.0.1:${rx.port}`,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    APP_ORIGIN: 'https://app.example',
  });
  ({ A, B } = await twoOrganizations(t.app));
  channelId = (await A.ADMIN.post('/api/channels', { type: 'WEBSITE_CHAT', name: 'Site', credentials: {}, autoTranslate: false, autoReply: false })).body.data.id;
  wsBase = await listen(t.app);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close()));
  await t.close();
  await rx.close();
  await smtp.close();
});

const settle = () => t.app.events.dispatch();
const visitorSays = async (content: string, visitorId = randomUUID()) => {
  const res = await client(t.app).post('/api/widget/message', { channelId, visitorId, content });
  expect(res.status).toBe(201);
  await settle();
  return { conversationId: res.body.data.conversationId as string, visitorId };
};
const inbox = async (who: Actor) => (await who.get('/api/notifications?pageSize=100')).body.data as { items: { id: string; type: string; conversationId: string | null; read: boolean; title: string }[]; unreadCount: number };
const about = async (who: Actor, conversationId: string, type?: string) => (await inbox(who)).items.filter((n) => n.conversationId === conversationId && (!type || n.type === type));
const assign = async (by: Actor, conversationId: string, to: Actor | null) => {
  const res = await by.patch(`/api/conversations/${conversationId}`, { assignedToId: to?.userId ?? null });
  expect(res.status).toBe(200);
  await settle();
};
const subscribe = async (who: Actor, path: string) => {
  const sub = newPushSubscriber();
  const res = await who.post(SUB, { endpoint: `${rx.base}${path}`, keys: sub.keys, expirationTime: null });
  return { sub, res };
};

describe('preferences', () => {
  test('defaults: inApp and push on, email on only for assigned and mention; sound on', async () => {
    const res = await A.AGENT.get(PREFS);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      events: {
        'conversation.created': { inApp: true, push: true, email: false },
        'conversation.assigned': { inApp: true, push: true, email: true },
        'message.created': { inApp: true, push: true, email: false },
        mention: { inApp: true, push: true, email: true },
      },
      sound: true,
    });
  });

  test('PUT merges per flag, answers the whole object; VIEWER may change its own; others untouched', async () => {
    const res = await A.VIEWER.put(PREFS, { events: { 'message.created': { email: true } }, sound: false });
    expect(res.status).toBe(200);
    expect(res.body.data.events['message.created']).toEqual({ inApp: true, push: true, email: true });
    expect(res.body.data.events['conversation.created']).toEqual({ inApp: true, push: true, email: false });
    expect(res.body.data.sound).toBe(false);
    const again = await A.VIEWER.put(PREFS, { events: { 'message.created': { push: false } } });
    expect(again.body.data.events['message.created']).toEqual({ inApp: true, push: false, email: true });
    expect(again.body.data.sound).toBe(false);
    expect((await A.ADMIN.get(PREFS)).body.data.events['message.created'].email).toBe(false);
  });

  test('bad input is a 400 with fields; no session is 401', async () => {
    const bad = await A.AGENT.put(PREFS, { events: { 'message.created': { email: 'yes' } } });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).fields).toBeDefined();
    expect((await A.AGENT.put(PREFS, { events: { 'nope.event': { email: true } } })).status).toBe(400);
    expect((await client(t.app).get(PREFS)).status).toBe(401);
    expect((await client(t.app).get('/api/notifications')).status).toBe(401);
  });
});

describe('integrations', () => {
  test('roles: VIEWER reads but may not create, change, delete or test; AGENT may', async () => {
    const body = { type: 'WEBHOOK', name: 'Roles', events: ['conversation.created'], url: `${rx.base}/hooks/roles` };
    expect((await A.VIEWER.post(INTEGRATIONS, body)).status).toBe(403);
    const created = await A.AGENT.post(INTEGRATIONS, body);
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    expect((await A.VIEWER.get(INTEGRATIONS)).body.data.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await A.VIEWER.patch(`${INTEGRATIONS}/${id}`, { enabled: false })).status).toBe(403);
    expect((await A.VIEWER.post(`${INTEGRATIONS}/${id}/test`)).status).toBe(403);
    expect((await A.VIEWER.delete(`${INTEGRATIONS}/${id}`)).status).toBe(403);
    expect((await A.AGENT.delete(`${INTEGRATIONS}/${id}`)).body.data).toEqual({ id });
  });

  test('create answers the secret once; the url is write-only everywhere; tenancy is 404', async () => {
    const created = await A.ADMIN.post(INTEGRATIONS, { type: 'WEBHOOK', name: 'Hook', events: ['conversation.created'], url: `${rx.base}/hooks/once` });
    expect(created.body.data).toMatchObject({ type: 'WEBHOOK', name: 'Hook', events: ['conversation.created'], enabled: true, hasUrl: true, address: null });
    expect(created.body.data.secret).toMatch(/^whsec_[A-Za-z0-9+/]{40,}={0,2}$/);
    expect(Buffer.from(created.body.data.secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);
    expect(created.raw.body).not.toContain('/hooks/once');
    const id = created.body.data.id;
    const list = await A.ADMIN.get(INTEGRATIONS);
    expect(list.raw.body).not.toContain('/hooks/once');
    expect(list.raw.body).not.toContain(created.body.data.secret);
    const patched = await A.ADMIN.patch(`${INTEGRATIONS}/${id}`, { name: 'Renamed', url: `${rx.base}/hooks/twice` });
    expect(patched.body.data).toMatchObject({ name: 'Renamed', hasUrl: true });
    expect(patched.body.data).not.toHaveProperty('secret');
    expect(patched.raw.body).not.toContain('/hooks/twice');
    expect((await B.ADMIN.get(INTEGRATIONS)).body.data.items).toEqual([]);
    expect((await B.ADMIN.patch(`${INTEGRATIONS}/${id}`, { name: 'x' })).status).toBe(404);
    expect((await B.ADMIN.post(`${INTEGRATIONS}/${id}/test`)).status).toBe(404);
    expect((await B.ADMIN.get(`${INTEGRATIONS}/${id}/deliveries`)).status).toBe(404);
    expect((await B.ADMIN.delete(`${INTEGRATIONS}/${id}`)).status).toBe(404);
    await A.ADMIN.delete(`${INTEGRATIONS}/${id}`);
  });

  test('bad input: missing or guarded url, address on a url type, url on EMAIL, unknown event → 400 with fields', async () => {
    const post = (body: Record<string, unknown>) => A.ADMIN.post(INTEGRATIONS, { name: 'Bad', events: ['conversation.created'], ...body });
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'SLACK' }, 'url'],
      [{ type: 'WEBHOOK', url: 'http://127.0.0.1:1/hook' }, 'url'],
      [{ type: 'WEBHOOK', url: 'https://10.0.0.8/hook' }, 'url'],
      [{ type: 'DISCORD', url: 'ftp://example.com/x' }, 'url'],
      [{ type: 'WEBHOOK', url: `${rx.base}/x`, address: 'a@example.com' }, 'address'],
      [{ type: 'EMAIL' }, 'address'],
      [{ type: 'EMAIL', address: 'not-an-address' }, 'address'],
      [{ type: 'EMAIL', address: 'a@example.com', url: `${rx.base}/x` }, 'url'],
      [{ type: 'WEBHOOK', url: `${rx.base}/x`, events: ['nope'] }, 'events.0'],
      [{ type: 'WEBHOOK', url: `${rx.base}/x`, events: [] }, 'events'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(errorOf(res).fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect(rx.to('/x')).toHaveLength(0);
  });
});

describe('routing and delivery', () => {
  test('a widget conversation: every member in-app, the webhook signed, Slack {text, blocks}, Discord {content, embeds}, e-mail; deliveries logged', async () => {
    const hook = (await A.AGENT.post(INTEGRATIONS, { type: 'WEBHOOK', name: 'W', events: ['conversation.created'], url: `${rx.base}/hooks/created` })).body.data;
    await A.ADMIN.post(INTEGRATIONS, { type: 'SLACK', name: 'S', events: ['conversation.created'], url: `${rx.base}/slack/created` });
    await A.ADMIN.post(INTEGRATIONS, { type: 'DISCORD', name: 'D', events: ['conversation.created'], url: `${rx.base}/discord/created` });
    await A.ADMIN.post(INTEGRATIONS, { type: 'EMAIL', name: 'M', events: ['conversation.created'], address: 'team@example.com' });
    await A.ADMIN.post(INTEGRATIONS, { type: 'WEBHOOK', name: 'Other event', events: ['message.created'], url: `${rx.base}/hooks/messages-only` });

    const { conversationId } = await visitorSays('My order never arrived');
    for (const who of [A.ADMIN, A.AGENT, A.VIEWER]) {
      const mine = await about(who, conversationId);
      expect(mine.map((n) => n.type)).toEqual(['conversation.created']);
    }
    expect(await about(B.ADMIN, conversationId)).toEqual([]);

    const [hit] = await eventually(async () => rx.to('/hooks/created'), (h) => h.length > 0);
    const raw = hit!.body.toString();
    const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => [h, String(hit!.headers[h])]));
    expect(() => new Webhook(hook.secret).verify(raw, headers)).not.toThrow();
    expect(() => new Webhook(`whsec_${Buffer.alloc(32).toString('base64')}`).verify(raw, headers)).toThrow();
    const json = JSON.parse(raw);
    expect(json).toMatchObject({ type: 'conversation.created', data: { conversation: { id: conversationId } } });
    expect(typeof json.timestamp).toBe('string');

    const [slack] = await eventually(async () => rx.to('/slack/created'), (h) => h.length > 0);
    const s = JSON.parse(slack!.body.toString());
    expect(typeof s.text).toBe('string');
    expect(Array.isArray(s.blocks)).toBe(true);
    expect(JSON.stringify(s.blocks)).toContain(`https://app.example/inbox/${conversationId}`);
    const [discord] = await eventually(async () => rx.to('/discord/created'), (h) => h.length > 0);
    const d = JSON.parse(discord!.body.toString());
    expect(typeof d.content).toBe('string');
    expect(d.embeds[0]).toMatchObject({ url: `https://app.example/inbox/${conversationId}` });
    const mail = await eventually(async () => smtp.mails.find((m) => m.to && JSON.stringify(m.to).includes('team@example.com')), Boolean);
    expect(mail!.subject).toContain('New conversation');
    expect(mail!.html).toContain(`https://app.example/inbox/${conversationId}`);
    // The first message opened the conversation; a message-only integration still hears of it.
    await eventually(async () => rx.to('/hooks/messages-only'), (h) => h.length === 1);

    const deliveries = await eventually(async () => (await A.VIEWER.get(`${INTEGRATIONS}/${hook.id}/deliveries`)).body.data.items, (items) => items[0]?.status === 'SUCCEEDED');
    expect(deliveries[0]).toMatchObject({ event: 'conversation.created', status: 'SUCCEEDED', attempt: 1, responseCode: 201, error: null });
    for (const i of (await A.ADMIN.get(INTEGRATIONS)).body.data.items) await A.ADMIN.delete(`${INTEGRATIONS}/${i.id}`);
  });

  test('the test endpoint queues one signed delivery that shows in the log; a refusing target ends FAILED with its code', async () => {
    const hook = (await A.ADMIN.post(INTEGRATIONS, { type: 'WEBHOOK', name: 'T', events: ['mention'], url: `${rx.base}/hooks/test-once` })).body.data;
    const res = await A.AGENT.post(`${INTEGRATIONS}/${hook.id}/test`);
    expect(res.status).toBe(200);
    const { deliveryId } = res.body.data;
    const [hit] = await eventually(async () => rx.to('/hooks/test-once'), (h) => h.length > 0);
    expect(() => new Webhook(hook.secret).verify(hit!.body.toString(), hit!.headers as Record<string, string>)).not.toThrow();
    const log = await eventually(async () => (await A.ADMIN.get(`${INTEGRATIONS}/${hook.id}/deliveries`)).body.data.items, (items) => items[0]?.status === 'SUCCEEDED');
    expect(log.map((x: { id: string }) => x.id)).toEqual([deliveryId]);
    await sleep(300);
    expect(rx.to('/hooks/test-once')).toHaveLength(1);

    const refusing = (await A.ADMIN.post(INTEGRATIONS, { type: 'SLACK', name: 'R', events: ['mention'], url: `${rx.base}/status/404/slack` })).body.data;
    await A.ADMIN.post(`${INTEGRATIONS}/${refusing.id}/test`);
    const failed = await eventually(async () => (await A.ADMIN.get(`${INTEGRATIONS}/${refusing.id}/deliveries`)).body.data.items, (items) => items[0]?.status === 'FAILED');
    expect(failed[0]).toMatchObject({ event: 'test', status: 'FAILED', attempt: 1, responseCode: 404 });
    expect(failed[0].error).toContain('404');
  });

  test('a transient answer (503) keeps the delivery PENDING with its code and is retried with backoff', async () => {
    const flaky = (await A.ADMIN.post(INTEGRATIONS, { type: 'DISCORD', name: 'Flaky', events: ['mention'], url: `${rx.base}/status/503/discord` })).body.data;
    await A.ADMIN.post(`${INTEGRATIONS}/${flaky.id}/test`);
    const first = await eventually(async () => (await A.ADMIN.get(`${INTEGRATIONS}/${flaky.id}/deliveries`)).body.data.items, (items) => items[0]?.attempt === 1);
    expect(first[0]).toMatchObject({ status: 'PENDING', responseCode: 503 });
    expect(first[0].error).toContain('503');
    await eventually(async () => rx.to('/status/503/discord').length, (n) => n >= 2, 20_000, 200);
    await A.ADMIN.delete(`${INTEGRATIONS}/${flaky.id}`);
  }, 30_000);

  test('a delivery whose job was lost (PENDING, never attempted, minutes old) is queued again by the sweeper', async () => {
    const hook = (await A.ADMIN.post(INTEGRATIONS, { type: 'WEBHOOK', name: 'Stranded', events: ['mention'], url: `${rx.base}/hooks/stranded` })).body.data;
    const old = new Date(Date.now() - 5 * 60_000);
    const [row] = await t.database.db.insert(notificationDeliveries).values({
      organizationId: A.ADMIN.organizationId, integrationId: hook.id, event: 'test', payload: testPayload('WEBHOOK', hook, { organizationName: 'Org' }), createdAt: old,
    }).returning();
    expect(await requeueStrandedDeliveries(t.app)).toBeGreaterThanOrEqual(1);
    await eventually(async () => rx.to('/hooks/stranded'), (h) => h.length === 1);
    const [done] = await eventually(async () => (await A.ADMIN.get(`${INTEGRATIONS}/${hook.id}/deliveries`)).body.data.items, (items) => items[0]?.status === 'SUCCEEDED');
    expect(done.id).toBe(row!.id);
    expect(await strandedDeliveryIds(t.database.db, { before: new Date(), limit: 1000 })).not.toContain(row!.id);
    await A.ADMIN.delete(`${INTEGRATIONS}/${hook.id}`);
  });

  test('a slow receiver (8 s) never delays the widget request', async () => {
    const slow = (await A.ADMIN.post(INTEGRATIONS, { type: 'WEBHOOK', name: 'Slow', events: ['conversation.created'], url: `${rx.base}/slow/8000/hook` })).body.data;
    const t0 = Date.now();
    const res = await client(t.app).post('/api/widget/message', { channelId, visitorId: randomUUID(), content: 'Anyone there?' });
    expect(res.status).toBe(201);
    await settle();
    expect(Date.now() - t0).toBeLessThan(3000);
    await eventually(async () => rx.to('/slow/8000/hook'), (h) => h.length > 0);
    await A.ADMIN.patch(`${INTEGRATIONS}/${slow.id}`, { enabled: false });
  });

  test('an agent-started conversation notifies nobody; assignment notifies the new assignee only, never whoever assigned themselves', async () => {
    const created = await A.AGENT.post('/api/conversations', { channelId, subject: 'Started by an agent' });
    await settle();
    const id = created.body.data.id;
    for (const who of [A.ADMIN, A.AGENT, A.VIEWER]) expect(await about(who, id)).toEqual([]);
    await assign(A.AGENT, id, A.ADMIN);
    expect((await about(A.ADMIN, id)).map((n) => n.type)).toEqual(['conversation.assigned']);
    expect(await about(A.AGENT, id)).toEqual([]);
    await assign(A.AGENT, id, A.AGENT);
    expect(await about(A.AGENT, id)).toEqual([]);
    await A.AGENT.patch(`/api/conversations/${id}`, { priority: 'HIGH' });
    await settle();
    expect(await about(A.ADMIN, id)).toHaveLength(1);
  });

  test('customer messages go to the assignee only, or to every member while unassigned; the e-mail respects preferences', async () => {
    const { conversationId, visitorId } = await visitorSays('First');
    await client(t.app).post('/api/widget/message', { channelId, visitorId, content: 'Second, unassigned' });
    await settle();
    for (const who of [A.ADMIN, A.AGENT, A.VIEWER]) expect((await about(who, conversationId, 'message.created')).length).toBe(1);
    await assign(A.ADMIN, conversationId, A.AGENT);
    await client(t.app).post('/api/widget/message', { channelId, visitorId, content: 'Third, assigned' });
    await settle();
    expect((await about(A.AGENT, conversationId, 'message.created')).length).toBe(2);
    expect((await about(A.ADMIN, conversationId, 'message.created')).length).toBe(1);
    expect((await about(A.VIEWER, conversationId, 'message.created')).length).toBe(1);
    // Preferences off: nothing in-app.
    await A.AGENT.put(PREFS, { events: { 'message.created': { inApp: false } } });
    await client(t.app).post('/api/widget/message', { channelId, visitorId, content: 'Fourth' });
    await settle();
    expect((await about(A.AGENT, conversationId, 'message.created')).length).toBe(2);
    await A.AGENT.put(PREFS, { events: { 'message.created': { inApp: true } } });
  });

  test('a conversation deleted before its events are dispatched is skipped, not retried forever', async () => {
    const { conversationId } = await visitorSays('Gone soon');
    const conversation = (await A.ADMIN.get(`/api/conversations/${conversationId}`)).body.data;
    expect((await A.ADMIN.delete(`/api/conversations/${conversationId}`)).status).toBe(200);
    // Its conversation.created, as the dispatcher hands it over when it comes late (a backlog, a restart).
    const late = { id: 0, organizationId: A.ADMIN.organizationId, type: 'conversation.created' as const, data: conversation, meta: {}, createdAt: new Date() };
    const handle = notificationsSubscriber(t.app);
    await expect(t.app.db.transaction((tx) => handle(late, tx))).resolves.toBeUndefined();
    for (const who of [A.ADMIN, A.AGENT]) expect(await about(who, conversationId)).toEqual([]);
  });

  test('a private note notifies the members it mentions (mention), never its author or anyone else', async () => {
    const { conversationId } = await visitorSays('Please look at my order');
    const note = await A.AGENT.post(`/api/conversations/${conversationId}/notes`, { content: 'Can you check this?', mentions: [A.ADMIN.userId, A.AGENT.userId] });
    expect(note.status).toBe(201);
    await settle();
    const mention = await about(A.ADMIN, conversationId, 'mention');
    expect(mention).toHaveLength(1);
    expect(mention[0]!.title).toMatch(/mentioned/);
    expect(await about(A.AGENT, conversationId, 'mention')).toEqual([]);
    expect(await about(A.VIEWER, conversationId, 'mention')).toEqual([]);
  });
});

describe('web push', () => {
  test('the VAPID public key is a 65-byte P-256 point, the same on every call', async () => {
    const res = await A.VIEWER.get('/api/notifications/vapid-public-key');
    const key = Buffer.from(res.body.data.publicKey, 'base64url');
    expect(key.length).toBe(65);
    expect(key[0]).toBe(4);
    expect((await A.ADMIN.get('/api/notifications/vapid-public-key')).body.data.publicKey).toBe(res.body.data.publicKey);
  });

  test('a generated key pair is stored once, encrypted, and every instance on the database reads the same one', async () => {
    const publicKey = (await A.ADMIN.get('/api/notifications/vapid-public-key')).body.data.publicKey;
    const rows = await t.database.db.select().from(installationSecrets);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.value.startsWith('v1.')).toBe(true);
    expect(rows[0]!.value).not.toContain(publicKey);
    expect((await createVapid(t.app).keys()).publicKey).toBe(publicKey);
  });

  test('another installation: VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY pin the pair; without SMTP_URL an EMAIL delivery says it was not sent', async () => {
    const pinned = { publicKey: 'BPcMbnWQL5GOYX_5dyP0Jq9qYI8BMQ6c9rZtBqgMlnNf9nP8E2LQ6qAMnBcwLtzbnqWN5vVtw6wP3K0dlY7OJxo', privateKey: 'c9w2C4f5w2ZD8b7mKq6vD2Qm8hXm1pL3r0nT6yU5i4E' };
    const other = await buildTestApp({ VAPID_PUBLIC_KEY: pinned.publicKey, VAPID_PRIVATE_KEY: pinned.privateKey, VAPID_SUBJECT: 'mailto:ops@example.com' });
    try {
      expect(await createVapid(other.app).keys()).toEqual({ ...pinned, subject: 'mailto:ops@example.com' });
      const admin = await signupActor(other.app);
      const mail = (await admin.post(INTEGRATIONS, { type: 'EMAIL', name: 'Ops', events: ['mention'], address: 'ops@example.com' })).body.data;
      await admin.post(`${INTEGRATIONS}/${mail.id}/test`);
      const [delivery] = await eventually(async () => (await admin.get(`${INTEGRATIONS}/${mail.id}/deliveries`)).body.data.items, (items) => items[0]?.status === 'FAILED');
      expect(delivery.error).toContain('SMTP_URL');
    } finally {
      await other.close();
    }
    await expect(buildTestApp({ VAPID_PUBLIC_KEY: pinned.publicKey })).rejects.toThrow(/both or neither/);
  });

  test('subscribe 201, again 200, VIEWER too; guarded endpoint 400 fields.endpoint; DELETE own only', async () => {
    const { sub, res } = await subscribe(A.VIEWER, '/push/viewer');
    expect(res.status).toBe(201);
    const again = await A.VIEWER.post(SUB, { endpoint: `${rx.base}/push/viewer`, keys: sub.keys });
    expect(again.status).toBe(200);
    expect(again.body.data.id).toBe(res.body.data.id);
    const bad = await A.VIEWER.post(SUB, { endpoint: 'http://127.0.0.1:1/push', keys: sub.keys });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).fields).toHaveProperty('endpoint');
    expect((await A.VIEWER.post(SUB, { endpoint: `${rx.base}/push/x`, keys: { p256dh: '', auth: 'x' } })).status).toBe(400);
    expect((await B.ADMIN.post(`${SUB}`, undefined)).status).toBe(400);
    const del = await t.app.inject({ method: 'DELETE', url: SUB, headers: { cookie: `helpstack_session=${B.ADMIN.cookie}` }, payload: { endpoint: `${rx.base}/push/viewer` } });
    expect(del.statusCode).toBe(404);
    const mine = await t.app.inject({ method: 'DELETE', url: SUB, headers: { cookie: `helpstack_session=${A.VIEWER.cookie}` }, payload: { endpoint: `${rx.base}/push/viewer` } });
    expect(mine.statusCode).toBe(200);
  });

  test('an assignment pushes aes128gcm JSON {type, title, body, url, conversationId} with valid VAPID; 410 removes the subscription', async () => {
    const { sub } = await subscribe(A.ADMIN, '/push/admin');
    await subscribe(A.ADMIN, '/gone/admin');
    const publicKey = (await A.ADMIN.get('/api/notifications/vapid-public-key')).body.data.publicKey;
    const created = await A.AGENT.post('/api/conversations', { channelId, subject: 'Push me' });
    const id = created.body.data.id;
    await assign(A.AGENT, id, A.ADMIN);
    const [push] = await eventually(async () => rx.to('/push/admin'), (h) => h.length > 0);
    expect(push!.headers['content-encoding']).toBe('aes128gcm');
    expect(push!.headers.ttl).toMatch(/^\d+$/);
    expect(JSON.parse(decryptPush(push!.body, sub))).toEqual({ type: 'conversation.assigned', title: expect.any(String), body: expect.any(String), url: `/inbox/${id}`, conversationId: id });
    expect(verifyVapid(push!.headers.authorization, { publicKey, audience: rx.base })).toMatchObject({ ok: true });
    await eventually(async () => rx.to('/gone/admin'), (h) => h.length === 1);
    await sleep(300);
    const second = await A.AGENT.post('/api/conversations', { channelId, subject: 'Push me again' });
    await assign(A.AGENT, second.body.data.id, A.ADMIN);
    await eventually(async () => rx.to('/push/admin'), (h) => h.length === 2);
    await sleep(500);
    expect(rx.to('/gone/admin')).toHaveLength(1);
  });

  test('batching: several customer messages in a minute make one push and one e-mail; in-app lists each', async () => {
    const { sub } = await subscribe(A.AGENT, '/push/batch-agent');
    await A.AGENT.put(PREFS, { events: { 'message.created': { email: true } } });
    const { conversationId, visitorId } = await visitorSays('Batch opener');
    await assign(A.ADMIN, conversationId, A.AGENT);
    const mailsBefore = smtp.mails.filter((m) => JSON.stringify(m.to).includes(A.AGENT.email)).length;
    for (const content of ['one', 'two', 'three']) {
      await client(t.app).post('/api/widget/message', { channelId, visitorId, content });
      await settle();
    }
    expect((await about(A.AGENT, conversationId, 'message.created')).length).toBe(3);
    const pushes = await eventually(async () => rx.to('/push/batch-agent').map((h) => JSON.parse(decryptPush(h.body, sub))).filter((p) => p.type === 'message.created'), (p) => p.length >= 1);
    await eventually(async () => smtp.mails.filter((m) => JSON.stringify(m.to).includes(A.AGENT.email)).length, (n) => n > mailsBefore);
    await sleep(1000);
    expect(rx.to('/push/batch-agent').map((h) => JSON.parse(decryptPush(h.body, sub))).filter((p) => p.type === 'message.created')).toHaveLength(1);
    expect(pushes[0]).toMatchObject({ conversationId, body: 'one' });
    const mails = smtp.mails.filter((m) => JSON.stringify(m.to).includes(A.AGENT.email)).slice(mailsBefore);
    expect(mails.map((m) => m.subject).filter((s) => s?.includes('New message'))).toHaveLength(1);
    expect(mails.find((m) => m.subject?.includes('New message'))!.text).toContain(`https://app.example/inbox/${conversationId}`);
  });
});

describe('in-app list and realtime', () => {
  test('newest first with unreadCount; read {ids} and {all}; only the caller\'s; notification.created reaches that user only', async () => {
    const adminSocket = await openSocket(wsBase, { cookie: A.ADMIN.cookie });
    const agentSocket = await openSocket(wsBase, { cookie: A.AGENT.cookie });
    sockets.push(adminSocket, agentSocket);
    await Promise.all([adminSocket.ready(), agentSocket.ready()]);
    const created = await A.AGENT.post('/api/conversations', { channelId, subject: 'Realtime' });
    const id = created.body.data.id;
    await assign(A.AGENT, id, A.ADMIN);
    const frame = await adminSocket.waitFor((f) => f.type === 'notification.created');
    expect(frame.data).toMatchObject({ type: 'conversation.assigned', conversationId: id, read: false });
    await sleep(300);
    expect(agentSocket.events('notification.created')).toEqual([]);

    const list = await A.ADMIN.get('/api/notifications?pageSize=100');
    expect(list.body.data.pagination).toMatchObject({ page: 1, pageSize: 100 });
    const items = list.body.data.items;
    expect(items[0].conversationId).toBe(id);
    const times = items.map((n: { createdAt: string }) => n.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const unread = list.body.data.unreadCount;
    expect(unread).toBeGreaterThan(0);

    const agentIds = new Set((await inbox(A.AGENT)).items.map((n) => n.id));
    expect(items.some((n: { id: string }) => agentIds.has(n.id))).toBe(false);
    const foreign = await A.AGENT.post('/api/notifications/read', { ids: [items[0].id] });
    expect(foreign.body.data.updated).toBe(0);

    const one = await A.ADMIN.post('/api/notifications/read', { ids: [items[0].id] });
    expect(one.body.data).toEqual({ updated: 1, unreadCount: unread - 1 });
    expect((await A.ADMIN.get('/api/notifications?unread=true&pageSize=100')).body.data.items.some((n: { id: string }) => n.id === items[0].id)).toBe(false);
    const all = await A.ADMIN.post('/api/notifications/read', { all: true });
    expect(all.body.data.unreadCount).toBe(0);
    expect((await inbox(A.ADMIN)).unreadCount).toBe(0);
    expect((await A.ADMIN.post('/api/notifications/read', {})).status).toBe(400);
    expect((await A.ADMIN.post('/api/notifications/read', { all: false })).status).toBe(400);
  });
});
