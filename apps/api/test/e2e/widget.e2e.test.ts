/// <reference lib="dom" />
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inviteActor, type Actor, type TestApp } from '../helpers/app.ts';
import { hasChromium, launch, screenshotDir } from './browser.ts';
import { startDashboardApp } from './dashboard-session.ts';

const HOST_CSS = 'button { background: rgb(255, 105, 180) !important; font-family: serif; } * { font-family: serif; }';

let t: TestApp;
let admin: Actor;
let agent: Actor;
let api: string;
let channelId: string;
let host: Server;
let hostUrl: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** A customer's website on another origin: its own styles, its own button, and nothing but the snippet. */
function hostPage(snippet: string) {
  return `<!doctype html><html><head><title>Host shop</title><style>${HOST_CSS}</style></head>
<body><h1>Host shop</h1><button id="host-button">Buy now</button>${snippet}</body></html>`;
}

async function conversationMessages(content: string) {
  const list = await agent.get(`/api/conversations?channelId=${channelId}`);
  for (const c of list.body.data.items) {
    const msgs = await agent.get(`/api/conversations/${c.id}/messages?pageSize=100`);
    const hits = msgs.body.data.items.filter((m: { content: string }) => m.content === content);
    if (hits.length) return { conversationId: c.id as string, hits };
  }
  return { conversationId: null, hits: [] };
}

describe.skipIf(!hasChromium)('the widget on a customer\'s page', () => {
  beforeAll(async () => {
    ({ t, api, admin, channelId } = await startDashboardApp());
    agent = await inviteActor(t.app, admin, 'AGENT');
    await admin.post('/api/faqs', { channelId, question: 'Do you ship abroad?', answer: 'Yes, to 40 countries.' });
    // The snippet exactly as the dashboard hands it out, fetched over real HTTP so its URL is the server's.
    const script = await fetch(`${api}/api/channels/${channelId}/widget-script`, { headers: { cookie: `helpstack_session=${admin.cookie}` } });
    const { snippet } = ((await script.json()) as { data: { snippet: string } }).data;
    host = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(req.url?.startsWith('/plain') ? hostPage('') : hostPage(snippet));
    });
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
    // localhost vs 127.0.0.1: a different origin from the API, as on a real customer site.
    hostUrl = `http://localhost:${(host.address() as AddressInfo).port}`;
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => host?.close(r));
    await t?.close();
  });

  test('adds one global, leaves the host\'s styles alone, and keeps its own', async () => {
    await page.goto(`${hostUrl}/plain`);
    const baseline = await page.evaluate(() => Object.keys(window));
    await page.goto(hostUrl);
    await page.locator('.launcher').waitFor();
    const added = await page.evaluate((base) => Object.keys(window).filter((k) => !base.includes(k)), baseline);
    expect(added).toEqual(['HelpStack']);
    const styles = await page.evaluate(() => {
      const launcher = document.querySelector('[data-helpstack]')!.shadowRoot!.querySelector('.launcher')!;
      return {
        host: getComputedStyle(document.querySelector('#host-button')!).backgroundColor,
        hostFont: getComputedStyle(document.querySelector('h1')!).fontFamily,
        launcher: getComputedStyle(launcher).backgroundColor,
        launcherFont: getComputedStyle(launcher).fontFamily,
      };
    });
    expect(styles.host).toBe('rgb(255, 105, 180)');
    expect(styles.hostFont).toBe('serif');
    expect(styles.launcher).not.toBe('rgb(255, 105, 180)');
    expect(styles.launcherFont).not.toBe('serif');
    await page.screenshot({ path: `${screenshotDir}widget-1-closed.png` });
  });

  test('open → FAQ chip → "hello" reaches the agents as an INBOUND message', async () => {
    await page.locator('.launcher').click();
    await page.locator('.chip', { hasText: 'Do you ship abroad?' }).click();
    await expect.poll(() => page.locator('.answer', { hasText: 'Yes, to 40 countries.' }).isVisible()).toBe(true);
    await page.locator('textarea').fill('hello');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await conversationMessages('hello')).hits.length, { timeout: 10_000 }).toBe(1);
    const { hits } = await conversationMessages('hello');
    expect(hits[0]).toMatchObject({ direction: 'INBOUND', senderType: 'CUSTOMER' });
    await page.screenshot({ path: `${screenshotDir}widget-2-open.png` });
  });

  test('an agent\'s reply appears in the widget in under a second', async () => {
    const { conversationId } = await conversationMessages('hello');
    const started = Date.now();
    const res = await agent.post(`/api/conversations/${conversationId}/messages`, { conversationId, content: 'Hi! How can I help?' });
    expect(res.status).toBe(201);
    await page.locator('.msg', { hasText: 'Hi! How can I help?' }).waitFor({ timeout: 5_000 });
    expect(Date.now() - started).toBeLessThan(1_000);
    await page.screenshot({ path: `${screenshotDir}widget-3-reply.png` });
  });

  test('a reload keeps the history', async () => {
    await page.reload();
    await page.locator('.launcher').click();
    await page.locator('.msg', { hasText: 'Hi! How can I help?' }).waitFor();
    await expect(page.locator('.msg', { hasText: 'hello' }).count()).resolves.toBeGreaterThanOrEqual(1);
  });

  test('a message written offline arrives exactly once when the visitor is back', async () => {
    await context.setOffline(true);
    await page.locator('textarea').fill('sent while offline');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
    expect((await conversationMessages('sent while offline')).hits).toHaveLength(0);
    await page.screenshot({ path: `${screenshotDir}widget-4-offline.png` });
    await context.setOffline(false);
    await expect.poll(async () => (await conversationMessages('sent while offline')).hits.length, { timeout: 20_000 }).toBe(1);
    await page.waitForTimeout(1_000);
    expect((await conversationMessages('sent while offline')).hits).toHaveLength(1);
    await page.screenshot({ path: `${screenshotDir}widget-5-back-online.png` });
  });
});
