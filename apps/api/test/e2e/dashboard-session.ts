import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, signupActor, type Actor } from '../helpers/app.ts';

/**
 * The set-up most dashboard browser tests share: a listening app (rate limits raised: one IP makes every
 * request), a signed-up admin and a website-chat channel.
 */
export async function startDashboardApp(env: Record<string, string> = {}) {
  const t = await buildTestApp({ RATE_LIMIT_FACTOR: '100', ...env });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const api = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const admin = await signupActor(t.app);
  const channelId: string = (await admin.post('/api/channels', { type: 'WEBSITE_CHAT', name: 'Acme chat', credentials: {} })).body.data.id;
  return { t, api, admin, channelId };
}

/** A new browser context logged in as `who` through the login form, on the inbox. */
export async function logIn(browser: Browser, api: string, who: Actor): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${api}/login`);
  await page.locator('input[name="email"]').fill(who.email);
  await page.locator('input[name="password"]').fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/inbox/);
  return page;
}
