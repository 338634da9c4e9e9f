/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { client, inviteActor, type Actor, type TestApp } from '../helpers/app.ts';
import { decryptPush, newPushSubscriber, startReceiver, verifyVapid, type Hit, type PushSubscriber, type Receiver } from '../helpers/push-receiver.ts';
import { hasChromium, launch, screenshotDir } from './browser.ts';
import { seriousViolations } from './dashboard-axe.ts';
import { startDashboardApp } from './dashboard-session.ts';

/**
 * Notifications in the dashboard, end to end (issue 13): the bell live over the agent socket, and Web Push
 * through the real service worker. Headless Chromium has no push service, so the page's PushManager hands
 * out a subscription whose endpoint is a local push service of this test (with keys the test made); the
 * server encrypts and sends there, the test decrypts it like a browser would and gives the plaintext to the
 * service worker through DevTools (`ServiceWorker.deliverPushMessage`), the same entry a real push takes.
 */

let t: TestApp;
let admin: Actor;
let agentB: Actor;
let viewer: Actor;
let api: string;
let channelId: string;
let receiver: Receiver;
let subscriber: PushSubscriber;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let conversationId: string;

const CUSTOMER_MESSAGE = 'Hello, my invoice shows the wrong address.';
const shot = (name: string) => page.screenshot({ path: `${screenshotDir}notifications-${name}.png`, animations: 'disabled' });
const bell = () => page.getByRole('button', { name: /^Notifications/ });

/** The request with this index (0 = the first the receiver ever got), once it has arrived. */
async function nthHit(index: number, timeoutMs = 15_000): Promise<Hit> {
  const deadline = Date.now() + timeoutMs;
  while (receiver.hits.length <= index) {
    if (Date.now() > deadline) throw new Error(`request #${index} did not reach the receiver within ${timeoutMs} ms (${receiver.hits.length} arrived)`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return receiver.hits[index]!;
}

/**
 * Runs in the page before the app: PushManager answers with a subscription to the local push service.
 * The subscription survives reloads (sessionStorage), as a real one does, and `subscribe`'s options are
 * kept so the test can check the app used the server's VAPID key.
 */
function fakePushManager({ endpoint, keys }: { endpoint: string; keys: { p256dh: string; auth: string } }) {
  const STORED = 'test-push-subscribed';
  const bytes = (b64url: string) => Uint8Array.from(atob(b64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)).buffer;
  const subscription = () => ({
    endpoint,
    expirationTime: null,
    options: { userVisibleOnly: true, applicationServerKey: null },
    getKey: (name: 'p256dh' | 'auth') => bytes(keys[name]),
    toJSON: () => ({ endpoint, expirationTime: null, keys }),
    unsubscribe: async () => {
      sessionStorage.removeItem(STORED);
      return true;
    },
  });
  PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
    const key = options?.applicationServerKey;
    const raw = key instanceof ArrayBuffer ? new Uint8Array(key) : ArrayBuffer.isView(key) ? new Uint8Array(key.buffer, key.byteOffset, key.byteLength) : null;
    sessionStorage.setItem('test-push-key', raw ? btoa(String.fromCharCode(...raw)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') : String(key));
    sessionStorage.setItem(STORED, '1');
    return subscription() as unknown as PushSubscription;
  };
  PushManager.prototype.getSubscription = async function () {
    return (sessionStorage.getItem(STORED) ? subscription() : null) as unknown as PushSubscription | null;
  };
}

async function logIn(who: Actor, on: Page = page) {
  const page = on;
  await page.goto(`${api}/login`);
  await page.locator('input[name="email"]').fill(who.email);
  await page.locator('input[name="password"]').fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/inbox/);
  await page.locator('.connection-status[data-state="live"]').waitFor();
}

/** The shown notifications of the dashboard's service worker registration. */
const shownNotifications = () =>
  page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => ({ title: n.title, body: n.body, data: n.data as { url?: string } | null }));
  });

/**
 * The id DevTools knows the dashboard's service worker registration by, once that registration has an activated
 * version: a push handed to a registration whose worker is still installing (the dashboard registers /sw.js again
 * on every load, and an update check may be under way) can be dropped by the browser.
 */
async function registrationIdOf(cdp: CDPSession): Promise<string> {
  const registrations = new Map<string, boolean>();
  const activated = new Set<string>();
  const found = new Promise<string>((resolve) => {
    const check = () => {
      for (const [id, live] of registrations) if (live && activated.has(id)) resolve(id);
    };
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: updated }) => {
      for (const r of updated) if (r.scopeURL === `${api}/`) registrations.set(r.registrationId, !r.isDeleted);
      check();
    });
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) if (v.status === 'activated') activated.add(v.registrationId);
      check();
    });
  });
  await cdp.send('ServiceWorker.enable');
  return found;
}

/**
 * Hands the push to the service worker the way the browser's push service would, until it shows a notification.
 * DevTools' delivery is fire-and-forget: under load a delivery racing the worker's start-up can vanish without an
 * error, where a real push service would retry. Redelivering is harmless: the notification's tag (one per
 * conversation) makes a second delivery replace the first, so the assertion after this still sees exactly one.
 */
async function deliverPush(cdp: CDPSession, registrationId: string, data: string) {
  for (let attempt = 1; ; attempt++) {
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: api, registrationId, data });
    const deadline = Date.now() + 4_000;
    while (Date.now() < deadline) {
      if ((await shownNotifications()).length > 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    if (attempt === 3) return; // the assertion that follows reports what is (not) shown
  }
}

describe.skipIf(!hasChromium)('notifications in the dashboard', () => {
  beforeAll(async () => {
    receiver = await startReceiver();
    subscriber = newPushSubscriber();
    // The push endpoint is a loopback address: allowed for this test's receiver only (CONTRACT §8.6).
    ({ t, api, admin, channelId } = await startDashboardApp({ OUTBOUND_ALLOW: `127.0.0.1:${receiver.port}` }));
    agentB = await inviteActor(t.app, admin, 'AGENT');
    viewer = await inviteActor(t.app, admin, 'VIEWER');

    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.grantPermissions(['notifications'], { origin: api });
    await context.addInitScript(fakePushManager, { endpoint: `${receiver.base}/push/agent-b`, keys: subscriber.keys });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await receiver?.close();
  });

  test('the bell counts a new conversation live, and "Mark all read" clears it', async () => {
    await logIn(agentB);
    await expect.poll(() => bell().getAttribute('aria-label')).toBe('Notifications');

    const started = await client(t.app).post('/api/widget/message', { channelId, visitorId: randomUUID(), content: CUSTOMER_MESSAGE });
    expect(started.status).toBe(201);
    conversationId = started.body.data.conversationId;

    // Over the socket (notification.created to B only), not by polling.
    await expect.poll(() => bell().getAttribute('aria-label'), { timeout: 15_000 }).toBe('Notifications (1 unread)');
    await bell().click();
    const popover = page.getByRole('dialog', { name: 'Notifications' });
    await popover.locator('.notification-item[data-unread]').first().waitFor();
    await shot('1-bell');
    expect(await seriousViolations(page)).toEqual([]);
    await popover.getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => bell().getAttribute('aria-label')).toBe('Notifications');
    expect((await agentB.get('/api/notifications')).body.data.unreadCount).toBe(0);
    await page.keyboard.press('Escape');
  });

  test('agent B enables desktop notifications: permission asked only on the click, the subscription is stored', async () => {
    await page.goto(`${api}/settings/notifications`);
    const enable = page.getByRole('button', { name: 'Enable desktop notifications' });
    await enable.waitFor();
    // Nothing subscribed before the click.
    expect(await page.evaluate(() => sessionStorage.getItem('test-push-subscribed'))).toBeNull();

    const saved = page.waitForResponse((r) => r.url().endsWith('/api/notifications/push-subscription') && r.request().method() === 'POST');
    await enable.click();
    expect((await saved).status()).toBe(201);
    await page.getByRole('button', { name: 'Disable' }).waitFor();
    // Subscribed with the server's VAPID key.
    const { publicKey } = (await agentB.get('/api/notifications/vapid-public-key')).body.data;
    expect(await page.evaluate(() => sessionStorage.getItem('test-push-key'))).toBe(publicKey);
    // The service worker is the dashboard's, at the root scope.
    expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)).toBe(`${api}/`);
    // Served as JavaScript, revalidated on every visit (so a new deploy's worker is picked up), under the dashboard CSP.
    const sw = await fetch(`${api}/sw.js`);
    expect(sw.headers.get('content-type')).toMatch(/^(application|text)\/javascript/);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    await shot('2-preferences');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('an assignment reaches B as a push; the service worker shows it; clicking it opens the conversation', async () => {
    await page.goto(`${api}/inbox`);
    await page.locator('.connection-status[data-state="live"]').waitFor();
    const before = receiver.hits.length;

    expect((await admin.patch(`/api/conversations/${conversationId}`, { assignedToId: agentB.userId })).status).toBe(200);

    // The push service received an RFC 8291 message with a VAPID authorization; B's keys decrypt it.
    const push = await nthHit(before);
    expect(push.path).toBe('/push/agent-b');
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    const { publicKey } = (await agentB.get('/api/notifications/vapid-public-key')).body.data;
    expect(verifyVapid(push.headers.authorization, { publicKey, audience: receiver.base })).toMatchObject({ ok: true });
    const plaintext = decryptPush(push.body, subscriber);
    const payload = JSON.parse(plaintext) as { type: string; title: string; body: string; url: string; conversationId: string };
    expect(payload).toMatchObject({ type: 'conversation.assigned', conversationId, url: `/inbox/${conversationId}` });
    expect(payload.title.length).toBeGreaterThan(0);
    // The in-app notification arrives too.
    await expect.poll(() => bell().getAttribute('aria-label'), { timeout: 15_000 }).toBe('Notifications (1 unread)');

    // Hand the decrypted push to the real service worker, the way the browser's push service would.
    const cdp = await context.newCDPSession(page);
    const registrationId = await registrationIdOf(cdp);
    await deliverPush(cdp, registrationId, plaintext);
    await expect.poll(shownNotifications, { timeout: 5_000 }).toEqual([{ title: payload.title, body: payload.body, data: expect.objectContaining({ url: `/inbox/${conversationId}` }) }]);

    // The notification's click, in the service worker (no browser exposes clicking a system notification).
    const worker = context.serviceWorkers().find((w) => w.url() === `${api}/sw.js`) ?? (await context.waitForEvent('serviceworker'));
    await worker.evaluate(async () => {
      const sw = self as unknown as { registration: ServiceWorkerRegistration; NotificationEvent: new (type: string, init: { notification: Notification }) => Event };
      const [notification] = await sw.registration.getNotifications();
      self.dispatchEvent(new sw.NotificationEvent('notificationclick', { notification: notification! }));
    });

    // The open tab moved to the conversation, inside the app.
    await page.waitForURL(`${api}/inbox/${conversationId}`, { timeout: 10_000 });
    await page.locator('.msg-bubble', { hasText: CUSTOMER_MESSAGE }).waitFor();
    await expect.poll(shownNotifications).toEqual([]);
    await shot('3-opened-from-push');
    await cdp.detach();
  });

  test('"Disable" forgets the subscription: no more pushes to this browser', async () => {
    await page.goto(`${api}/settings/notifications`);
    const removed = page.waitForResponse((r) => r.url().endsWith('/api/notifications/push-subscription') && r.request().method() === 'DELETE');
    await page.getByRole('button', { name: 'Disable' }).click();
    expect((await removed).ok()).toBe(true);
    await page.getByRole('button', { name: 'Enable desktop notifications' }).waitFor();

    const before = receiver.hits.length;
    await admin.patch(`/api/conversations/${conversationId}`, { assignedToId: null });
    await admin.patch(`/api/conversations/${conversationId}`, { assignedToId: agentB.userId });
    // The in-app notification of the new assignment arrives; no push follows it (pushes are queue jobs: give
    // one the time it took above).
    await expect.poll(async () => (await agentB.get('/api/notifications')).body.data.items.filter((n: { type: string }) => n.type === 'conversation.assigned').length, { timeout: 15_000 }).toBe(2);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(receiver.hits.length).toBe(before);
  });

  test('integrations: an admin adds a webhook, sees its secret once, sends a test and reads the delivery log; a viewer only reads', async () => {
    const adminContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const adminPage = await adminContext.newPage();
    await logIn(admin, adminPage);
    await adminPage.goto(`${api}/settings/integrations`);
    await adminPage.getByText('No integration yet').waitFor();
    await adminPage.getByRole('button', { name: 'Add integration' }).click();
    const form = adminPage.getByRole('dialog', { name: 'Add an integration' });
    await form.getByText('Webhook', { exact: true }).click();
    await form.getByLabel(/^Name/).fill('Our CRM');
    await form.getByLabel(/^URL/).fill(`${receiver.base}/crm`);
    await form.getByRole('checkbox', { name: /Assigned to me/ }).check();
    await form.getByRole('button', { name: 'Add integration' }).click();

    // The signing secret, shown this once.
    const secretDialog = adminPage.getByRole('dialog', { name: 'Signing secret' });
    const secret = await secretDialog.getByLabel('Signing secret', { exact: true }).innerText();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32,}$/);
    await adminPage.screenshot({ path: `${screenshotDir}notifications-4-webhook-secret.png`, animations: 'disabled' });
    await secretDialog.getByRole('button', { name: 'Done' }).click();
    const listed = (await admin.get('/api/notifications/integrations')).body.data.items;
    expect(listed).toMatchObject([{ type: 'WEBHOOK', name: 'Our CRM', hasUrl: true, enabled: true }]);
    expect(JSON.stringify(listed)).not.toContain(secret);

    // "Send test": queued, then SUCCEEDED with the receiver's 201 in the delivery log.
    const before = receiver.hits.length;
    const row = adminPage.getByRole('row', { name: /Our CRM/ });
    await row.getByRole('button', { name: 'Send test' }).click();
    const log = adminPage.getByRole('dialog', { name: 'Deliveries of Our CRM' });
    await log.getByRole('table', { name: 'Deliveries' }).waitFor();
    await expect.poll(() => log.getByRole('row').nth(1).innerText(), { timeout: 20_000 }).toMatch(/succeeded\s+1\s+201/i);
    const hook = await nthHit(before);
    expect(hook.path).toBe('/crm');
    expect(hook.headers['webhook-signature']).toMatch(/^v1,/);
    await adminPage.screenshot({ path: `${screenshotDir}notifications-5-deliveries.png`, animations: 'disabled' });
    // Checked once the "Integration added" / "Test queued" toasts have gone (toasts are the app's, not this page's).
    await expect.poll(() => adminPage.locator('.mantine-Notification-root').count(), { timeout: 15_000 }).toBe(0);
    expect(await seriousViolations(adminPage)).toEqual([]);
    await adminContext.close();

    // A viewer sees the list, but nothing to change it with.
    const viewerContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const viewerPage = await viewerContext.newPage();
    await logIn(viewer, viewerPage);
    await viewerPage.goto(`${api}/settings/integrations`);
    const viewerRow = viewerPage.getByRole('row', { name: /Our CRM/ });
    await viewerRow.waitFor();
    expect(await seriousViolations(viewerPage)).toEqual([]);
    expect(await viewerPage.getByRole('button', { name: 'Add integration' }).count()).toBe(0);
    expect(await viewerRow.getByRole('button', { name: /Send test|Edit|Delete/ }).count()).toBe(0);
    expect(await viewerRow.getByRole('switch').isDisabled()).toBe(true);
    await viewerRow.getByRole('button', { name: 'Deliveries' }).click();
    await viewerPage.getByRole('dialog', { name: 'Deliveries of Our CRM' }).getByText(/succeeded/i).waitFor();
    await viewerContext.close();
  });
});
