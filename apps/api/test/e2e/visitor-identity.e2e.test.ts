/// <reference lib="dom" />
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, inviteActor, signupActor, type Actor, type TestApp } from '../helpers/app.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { hasChromium, launch, screenshotDir } from './browser.ts';

let t: TestApp;
let admin: Actor;
let agent: Actor;
let api: string;
let channelId: string;
let secret: string;
let host: Server;
let hostUrl: string;
let browser: Browser;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;

/**
 * The customer's site: `/known` identifies a signed-in user with the hash its server computed, `/forged`
 * with a hash made up in the page, `/anon` not at all.
 */
function hostPage(path: string, snippet: string) {
  const user = 'user-7';
  const identify = path.startsWith('/known')
    ? { userId: user, name: 'Known Customer', email: 'known@example.com', userHash: createHmac('sha256', secret).update(user).digest('hex') }
    : path.startsWith('/forged')
      ? { userId: user, name: 'Forged Name', userHash: createHmac('sha256', 'guessed').update(user).digest('hex') }
      : null;
  const call = identify ? `<script>window.HelpStack=window.HelpStack||function(){(HelpStack.q=HelpStack.q||[]).push(arguments)};HelpStack('identify', ${JSON.stringify(identify)});</script>` : '';
  return `<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1>${call}${snippet}</body></html>`;
}

/** The conversation a message was written in, as the agents see it. */
async function conversationWith(content: string) {
  const list = await agent.get(`/api/conversations?channelId=${channelId}&pageSize=50`);
  for (const c of list.body.data.items) {
    const msgs = await agent.get(`/api/conversations/${c.id}/messages?pageSize=100`);
    if (msgs.body.data.items.some((m: { content: string }) => m.content === content)) return c;
  }
  return null;
}

async function visitorWrites(path: string, content: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 760 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  await page.goto(`${hostUrl}${path}`);
  await page.locator('.launcher').click();
  await page.locator('textarea').fill(content);
  await page.keyboard.press('Enter');
  await expect.poll(async () => Boolean(await conversationWith(content)), { timeout: 10_000 }).toBe(true);
  return page;
}

describe.skipIf(!hasChromium)('visitor identity, context and offline e-mail', () => {
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await buildTestApp({ RATE_LIMIT_FACTOR: '100', SMTP_URL: `smtp://127.0.0.1:${sink.port}` });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    api = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    admin = await signupActor(t.app);
    agent = await inviteActor(t.app, admin, 'AGENT');
    channelId = (await admin.post('/api/channels', { type: 'WEBSITE_CHAT', name: 'Shop chat', credentials: {} })).body.data.id;
    const script = await fetch(`${api}/api/channels/${channelId}/widget-script`, { headers: { cookie: `helpstack_session=${admin.cookie}` } });
    const data = ((await script.json()) as { data: { snippet: string; identitySecret: string } }).data;
    secret = data.identitySecret;
    host = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(hostPage(req.url ?? '/', data.snippet));
    });
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
    hostUrl = `http://localhost:${(host.address() as AddressInfo).port}`;
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => host?.close(r));
    await t?.close();
    await sink?.close();
  });

  test('identify with a valid hash names the visitor; the page, browser, locale and time zone come along', async () => {
    const page = await visitorWrites('/known?from=pricing', 'Hello, I am signed in');
    const c = await conversationWith('Hello, I am signed in');
    expect(c.customer).toMatchObject({ name: 'Known Customer', email: 'known@example.com' });
    expect(c.context).toMatchObject({ pageUrl: `${hostUrl}/known?from=pricing`, locale: 'de-DE', timeZone: 'Europe/Berlin' });
    expect(c.context.browser).toMatch(/^Chrome \d+/);

    // Read receipt: the reply shows in the open, focused chat and becomes READ for the agent.
    const reply = await agent.post(`/api/conversations/${c.id}/messages`, { conversationId: c.id, content: 'Welcome back!' });
    await page.locator('.msg', { hasText: 'Welcome back!' }).waitFor();
    await page.bringToFront();
    await expect.poll(async () => (await agent.get(`/api/conversations/${c.id}/messages`)).body.data.items.find((m: { id: string }) => m.id === reply.body.data.id).status, { timeout: 10_000 }).toBe('READ');
    await page.context().close();
  });

  test('identify with a forged hash is refused: the visitor stays anonymous under a generated name', async () => {
    const page = await visitorWrites('/forged', 'Hello, trust me');
    const c = await conversationWith('Hello, trust me');
    expect(c.customer.name).not.toBe('Forged Name');
    expect(c.customer.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(c.customer.color).toMatch(/^#[0-9a-f]{6}$/);
    await page.context().close();
  });

  test('nobody online: the widget asks for an e-mail address, and the later reply arrives there with a link back', async () => {
    const page = await visitorWrites('/anon?item=42', 'Is anyone there?');
    const ask = page.locator('.ask');
    await ask.waitFor({ state: 'visible' });
    await page.screenshot({ path: `${screenshotDir}visitor-offline-email-ask.png` });
    await ask.locator('input').fill('leaving@example.org');
    await ask.locator('button').click();
    await ask.waitFor({ state: 'hidden' });
    const c = await conversationWith('Is anyone there?');
    await expect.poll(async () => (await agent.get(`/api/conversations/${c.id}`)).body.data.customer.email).toBe('leaving@example.org');
    const visitorId = await page.evaluate((ch) => localStorage.getItem(`helpstack:${ch}:visitor`), channelId);
    await page.context().close();
    // The visitor has left: their socket is gone before the agent answers.
    await expect.poll(() => t.app.visitorSockets.isConnected(channelId, visitorId!), { timeout: 10_000 }).toBe(false);

    const reply = await agent.post(`/api/conversations/${c.id}/messages`, { conversationId: c.id, content: 'Yes — your order ships tomorrow.' });
    const statusOf = async () => (await agent.get(`/api/conversations/${c.id}/messages`)).body.data.items.find((m: { id: string }) => m.id === reply.body.data.id).status;
    await expect.poll(statusOf, { timeout: 10_000 }).toBe('SENT');
    // Only the visitor's mail: the set-up's invitation e-mails reach the same sink.
    const toVisitor = () => sink.mails.filter((m) => JSON.stringify(m.to ?? '').includes('leaving@example.org'));
    await expect.poll(() => toVisitor().length, { timeout: 20_000, interval: 250 }).toBe(1);
    const mail = toVisitor()[0]!;
    expect(mail.text).toContain('Yes — your order ships tomorrow.');
    expect(mail.text).toContain(`${hostUrl}/anon?item=42`);
    expect(String(mail.html)).toContain(`href="${hostUrl}/anon?item=42"`);
  });

  test('the widget follows the visitor\'s dark mode', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 760 }, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(`${hostUrl}/anon`);
    await page.locator('.launcher').click();
    await page.locator('.panel').waitFor();
    const background = await page.evaluate(() => getComputedStyle(document.querySelector('[data-helpstack]')!.shadowRoot!.querySelector('.panel')!).backgroundColor);
    expect(background).toBe('rgb(17, 24, 39)');
    await page.screenshot({ path: `${screenshotDir}visitor-widget-dark.png` });
    await context.close();
  });

  test('the inbox shows generated names with their colours', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 860 } })).newPage();
    await page.goto(`${api}/login`);
    await page.locator('input[name="email"]').fill(agent.email);
    await page.locator('input[name="password"]').fill(agent.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/inbox/);
    const forged = await conversationWith('Hello, trust me');
    await page.locator('.conversation-row', { hasText: forged.customer.name }).waitFor();
    await page.locator('.conversation-row', { hasText: 'Known Customer' }).waitFor();
    await page.locator('.conversation-row', { hasText: forged.customer.name }).click();
    await page.getByText(/\(Europe\/Berlin\)/).waitFor();
    await page.screenshot({ path: `${screenshotDir}visitor-identity-inbox.png` });
  });
});
