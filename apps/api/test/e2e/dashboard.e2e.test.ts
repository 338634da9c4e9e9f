/// <reference lib="dom" />
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inviteActor, type Actor, type TestApp } from '../helpers/app.ts';
import { hasChromium, launch, screenshotDir } from './browser.ts';
import { startDashboardApp } from './dashboard-session.ts';
import { seriousViolations } from './dashboard-axe.ts';

/**
 * The agent dashboard end to end: the real server serving the built SPA, a visitor writing through the
 * widget on a customer's page (another origin), and agents in Chromium.
 */

let t: TestApp;
let admin: Actor;
let viewer: Actor;
let api: string;
let channelId: string;
let host: Server;
let hostUrl: string;
let browser: Browser;
let agentContext: BrowserContext;
let agent: Page;
let visitorContext: BrowserContext;
let visitor: Page;

const VISITOR_MESSAGE = 'Hi! My parcel has not arrived yet.';
const REPLY = 'Sorry about that — I am checking with the courier now.';
const shot = (page: Page, name: string) => page.screenshot({ path: `${screenshotDir}dashboard-${name}.png` });

async function logIn(page: Page, who: Actor) {
  await page.goto(`${api}/login`);
  await page.locator('input[name="email"]').fill(who.email);
  await page.locator('input[name="password"]').fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/inbox/);
}

/** Conversation list requests (not the one-row count queries) made by the agent page. */
const listRequests: string[] = [];

describe.skipIf(!hasChromium)('the agent dashboard', () => {
  beforeAll(async () => {
    ({ t, api, admin, channelId } = await startDashboardApp());
    viewer = await inviteActor(t.app, admin, 'VIEWER');
    const script = await fetch(`${api}/api/channels/${channelId}/widget-script`, { headers: { cookie: `helpstack_session=${admin.cookie}` } });
    const { snippet } = ((await script.json()) as { data: { snippet: string } }).data;
    host = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><html><head><title>Acme shop</title></head><body><h1>Acme shop</h1>${snippet}</body></html>`);
    });
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
    hostUrl = `http://localhost:${(host.address() as AddressInfo).port}`;

    browser = await launch();
    agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    agent = await agentContext.newPage();
    agent.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/conversations' && url.searchParams.get('pageSize') !== '1') listRequests.push(url.search);
    });
    visitorContext = await browser.newContext({ viewport: { width: 1024, height: 760 } });
    visitor = await visitorContext.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => host?.close(r));
    await t?.close();
  });

  test('the login page is accessible and logs the agent in to the inbox', async () => {
    await agent.goto(`${api}/inbox`);
    // Not signed in: sent to log in, with the way back remembered.
    await agent.waitForURL(/\/login\?redirect=/);
    await agent.getByRole('heading', { name: 'Log in' }).waitFor();
    await shot(agent, '1-login');
    expect(await seriousViolations(agent)).toEqual([]);

    await agent.locator('input[name="email"]').fill(admin.email);
    await agent.locator('input[name="password"]').fill('wrong password');
    await agent.getByRole('button', { name: 'Log in' }).click();
    await agent.getByRole('alert').filter({ hasText: /invalid|incorrect|wrong/i }).waitFor();

    await agent.locator('input[name="password"]').fill(admin.password);
    await agent.getByRole('button', { name: 'Log in' }).click();
    await agent.waitForURL(/\/inbox$/);
    await agent.getByText('Inbox zero').waitFor();
    // The realtime socket is up before the visitor writes.
    await agent.locator('.connection-status[data-state="live"]').waitFor();
  });

  test('a visitor\'s message sent through the widget appears in the inbox live, without a reload', async () => {
    const before = listRequests.length;
    await visitor.goto(hostUrl);
    await visitor.locator('.launcher').click();
    await visitor.locator('textarea').fill(VISITOR_MESSAGE);
    await visitor.keyboard.press('Enter');

    const row = agent.locator('.conversation-row', { hasText: VISITOR_MESSAGE });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getAttribute('data-unread')).toBe('true');
    // Applied from the realtime event: the list was not fetched again.
    expect(listRequests.slice(before)).toEqual([]);
    await agent.locator('.status-tab[data-active]', { hasText: /Open\s*1/ }).waitFor();
    await shot(agent, '2-inbox-live');
    expect(await seriousViolations(agent)).toEqual([]);
  });

  test('the agent opens it, sees the visitor typing, replies, and the visitor gets the reply', async () => {
    await agent.locator('.conversation-row', { hasText: VISITOR_MESSAGE }).click();
    await agent.waitForURL(/\/inbox\/[^/?]+/);
    const composer = agent.getByRole('textbox', { name: /^Reply to/ });
    await composer.waitFor();
    await agent.locator('.msg-bubble', { hasText: VISITOR_MESSAGE }).waitFor();
    // Opening marks it read.
    await expect.poll(() => agent.locator('.conversation-row[data-selected]').getAttribute('data-unread')).toBeNull();

    await visitor.locator('textarea').fill('One more thing');
    await agent.getByText(/is typing/).waitFor({ timeout: 10_000 });
    await visitor.locator('textarea').fill('');

    await composer.fill(REPLY);
    await composer.press('Enter');
    await expect.poll(() => composer.inputValue()).toBe('');
    const bubble = agent.locator('.msg[data-direction="OUTBOUND"]', { hasText: REPLY });
    await bubble.waitFor();
    await expect.poll(() => bubble.locator('.msg-status').innerText(), { timeout: 10_000 }).toMatch(/Sent|Delivered|Read/);
    await visitor.locator('.msg', { hasText: REPLY }).waitFor({ timeout: 10_000 });
    await shot(agent, '3-conversation');
    await shot(visitor, '4-visitor-sees-reply');
    expect(await seriousViolations(agent)).toEqual([]);
  });

  test('closing the conversation moves it from Open to the Closed tab', async () => {
    await agent.getByRole('button', { name: 'Close', exact: true }).click();
    await agent.getByText(/Conversation with .* closed/).waitFor();
    await expect.poll(() => agent.locator('.inbox-list .conversation-row', { hasText: REPLY }).count()).toBe(0);
    await agent.locator('.status-tab', { hasText: 'Closed' }).click();
    await agent.waitForURL(/status=CLOSED/);
    await agent.locator('.conversation-row', { hasText: REPLY }).waitFor();
    await shot(agent, '5-closed-tab');
  });

  test('the channels page is accessible', async () => {
    await agent.getByRole('link', { name: 'Channels' }).click();
    await agent.getByRole('heading', { name: 'Channels', level: 1 }).waitFor();
    await agent.getByText('Acme chat').waitFor();
    await shot(agent, '6-channels');
    expect(await seriousViolations(agent)).toEqual([]);
    await agent.getByText('Acme chat').click();
    await agent.getByRole('heading', { name: 'Widget appearance' }).waitFor();
    await agent.locator('.copy-field-value').filter({ hasText: 'widget.js' }).waitFor();
    await shot(agent, '7-channel-widget');
    expect(await seriousViolations(agent)).toEqual([]);
  });

  test('a VIEWER sees conversations but no reply box and no admin actions', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await logIn(page, viewer);
    await page.goto(`${api}/inbox?status=CLOSED`);
    await page.locator('.conversation-row', { hasText: REPLY }).click();
    await page.locator('.msg-bubble', { hasText: REPLY }).waitFor();
    await page.getByText('You have view-only access').waitFor();
    expect(await page.getByRole('textbox', { name: /^Reply to/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Close|Reopen)$/ }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Status' }).count()).toBe(0);
    await shot(page, '8-viewer-conversation');

    await page.goto(`${api}/settings/channels`);
    await page.getByText('Acme chat').waitFor();
    expect(await page.getByRole('button', { name: 'New channel' }).count()).toBe(0);
    await page.goto(`${api}/settings/team`);
    await page.getByRole('heading', { name: 'Team' }).waitFor();
    expect(await page.getByRole('button', { name: 'Create invitation' }).count()).toBe(0);
    await context.close();
  });

  test('an expired session sends the agent to log in and back to where they were', async () => {
    await agent.goto(`${api}/inbox`);
    await agent.locator('.connection-status[data-state="live"]').waitFor();
    // The server forgets the session (expiry, logout elsewhere): the next request answers 401.
    await agentContext.clearCookies();
    await agent.locator('.status-tab', { hasText: 'Pending' }).click();
    await agent.waitForURL(/\/login\?redirect=/);
    expect(decodeURIComponent(new URL(agent.url()).searchParams.get('redirect') ?? '')).toBe('/inbox?status=PENDING');
    await agent.getByText('Your session has ended').waitFor();
    await agent.locator('input[name="email"]').fill(admin.email);
    await agent.locator('input[name="password"]').fill(admin.password);
    await agent.getByRole('button', { name: 'Log in' }).click();
    await agent.waitForURL(/\/inbox\?status=PENDING$/);
    await agent.getByText('No pending conversations').waitFor();
  });
});
