/// <reference lib="dom" />
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Actor, TestApp } from '../helpers/app.ts';
import { hasChromium, launch } from './browser.ts';
import { startDashboardApp } from './dashboard-session.ts';

/**
 * The security headers (plugins/external/helmet.ts) against the real pages in Chromium: the dashboard,
 * the API reference and the widget on another origin work, and the browser reports no CSP violation.
 */

let t: TestApp;
let admin: Actor;
let api: string;
let channelId: string;
let host: Server;
let hostUrl: string;
let browser: Browser;
let context: BrowserContext;

const violations: string[] = [];

async function open(url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (/Content[- ]Security[- ]Policy|Cross-Origin-Resource-Policy|ERR_BLOCKED_BY_RESPONSE/i.test(msg.text())) violations.push(`${url}: ${msg.text()}`);
  });
  page.on('requestfailed', (req) => {
    if (/BLOCKED/i.test(req.failure()?.errorText ?? '')) violations.push(`${url}: ${req.url()} ${req.failure()?.errorText}`);
  });
  await page.goto(url);
  return page;
}

/** Violations the page itself saw (securitypolicyviolation events, recorded from the first script on). */
const pageViolations = (page: Page) => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);

describe.skipIf(!hasChromium)('security headers in the browser', () => {
  beforeAll(async () => {
    ({ t, api, admin, channelId } = await startDashboardApp());
    const script = await fetch(`${api}/api/channels/${channelId}/widget-script`, { headers: { cookie: `helpstack_session=${admin.cookie}` } });
    const { snippet } = ((await script.json()) as { data: { snippet: string } }).data;
    host = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1>${snippet}</body></html>`);
    });
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
    hostUrl = `http://localhost:${(host.address() as AddressInfo).port}`;
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => {
      const seen: string[] = ((window as unknown as { __csp: string[] }).__csp = []);
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => host?.close(r));
    await t?.close();
  });

  test('the dashboard logs in and shows the live inbox under its CSP (Mantine styles, same-origin WebSocket)', async () => {
    const page = await open(`${api}/login`);
    const csp = (await page.request.get(`${api}/login`, { headers: { accept: 'text/html' } })).headers()['content-security-policy'];
    expect(csp).toContain("frame-ancestors 'none'");
    await page.locator('input[name="email"]').fill(admin.email);
    await page.locator('input[name="password"]').fill(admin.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/inbox/);
    // The realtime socket is up before the visitor writes (as in dashboard.e2e.test.ts).
    await page.locator('.connection-status[data-state="live"]').waitFor();
    // A visitor writes: the message reaches the open inbox over the WebSocket.
    const sent = await fetch(`${api}/api/widget/message`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channelId, visitorId: 'csp-visitor-0000000001', content: 'Live through the CSP' }) });
    expect(sent.status, await sent.text()).toBe(201);
    await page.locator('.conversation-row', { hasText: 'Live through the CSP' }).waitFor({ timeout: 15_000 });
    expect(await pageViolations(page)).toEqual([]);
    await page.close();
  });

  test('the API reference at /docs renders under its own policy', async () => {
    const page = await open(`${api}/docs/`);
    await page.getByText('HelpStack API').first().waitFor({ timeout: 20_000 });
    await page.getByText('/api/auth/signup').first().waitFor({ timeout: 20_000 }).catch(() => {});
    expect(await pageViolations(page)).toEqual([]);
    await page.close();
  });

  test('the widget works on another origin, and the demo page runs its inline script', async () => {
    const page = await open(hostUrl);
    await page.locator('.launcher').click({ timeout: 15_000 });
    await page.locator('textarea').waitFor();
    expect(await pageViolations(page)).toEqual([]);
    await page.close();

    const demo = await open(`${api}/demo/widget?channelId=${channelId}`);
    await demo.waitForFunction(() => typeof (window as unknown as { HelpStack?: unknown }).HelpStack === 'function');
    expect(await pageViolations(demo)).toEqual([]);
    await demo.close();
    expect(violations).toEqual([]);
  });
});
