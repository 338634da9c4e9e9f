/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { client, type Actor, type TestApp } from '../helpers/app.ts';
import { hasChromium, launch, screenshotDir } from './browser.ts';
import { logIn, startDashboardApp } from './dashboard-session.ts';

/**
 * Issue 15's "small things agents notice", in Chromium: links in messages are clickable (and only safe ones), the
 * customer is editable from the side panel, the FAQs page opens where the FAQs are, the team page updates live.
 */

let t: TestApp;
let admin: Actor;
let api: string;
let channelId: string;
let conversationId: string;
let browser: Browser;
let page: Page;

const shot = (name: string) => page.screenshot({ path: `${screenshotDir}small-things-${name}.png` });

describe.skipIf(!hasChromium)('small things agents notice', () => {
  beforeAll(async () => {
    ({ t, api, admin, channelId } = await startDashboardApp());
    const content = 'Order page: https://shop.example/orders/1042. Also javascript:alert(1) and <b>bold</b>?';
    const res = await client(t.app).post('/api/widget/message', { channelId, visitorId: crypto.randomUUID(), name: 'Vera', content });
    conversationId = res.body.data.message.conversationId;

    browser = await launch();
    page = await logIn(browser, api, admin);
    await page.goto(`${api}/inbox/${conversationId}`);
    await page.locator('.connection-status[data-state="live"]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  test('an http(s) link in a message is a safe new-tab link; script and markup stay text', async () => {
    const bubble = page.locator('.msg-bubble', { hasText: 'Order page' });
    await bubble.waitFor();
    const links = bubble.locator('a');
    expect(await links.count()).toBe(1);
    expect(await links.first().getAttribute('href')).toBe('https://shop.example/orders/1042');
    expect(await links.first().getAttribute('target')).toBe('_blank');
    expect(await links.first().getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(await bubble.locator('b').count()).toBe(0);
    expect(await bubble.innerText()).toContain('javascript:alert(1) and <b>bold</b>?');
  });

  test('the customer\'s name, e-mail and phone are edited from the side panel', async () => {
    await page.getByRole('button', { name: 'Edit customer details' }).click();
    const dialog = page.getByRole('dialog', { name: 'Customer details' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Vera Lindqvist');
    await dialog.getByRole('textbox', { name: 'E-mail' }).fill('not-an-address');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Must be a valid email address').waitFor();
    await dialog.getByRole('textbox', { name: 'E-mail' }).fill('vera@example.com');
    await dialog.getByRole('textbox', { name: 'Phone' }).fill('+49 30 1234');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    // The header and the list row name them as saved.
    await page.locator('#conversation-title', { hasText: 'Vera Lindqvist' }).waitFor();
    await page.locator('.inbox-list').getByText('Vera Lindqvist').waitFor();
    const customerId = (await admin.get(`/api/conversations/${conversationId}`)).body.data.customer.id;
    expect((await admin.get(`/api/customers/${customerId}`)).body.data).toMatchObject({ name: 'Vera Lindqvist', email: 'vera@example.com', phone: '+49301234' });
  });

  test('the FAQs page opens on the channel that has FAQs, and keeps the chosen channel in the URL', async () => {
    expect((await admin.post('/api/faqs', { channelId, question: 'Do you ship abroad?', answer: 'Yes, to 40 countries.' })).status).toBe(201);
    await page.goto(`${api}/settings/faqs`);
    await page.getByText('Do you ship abroad?').waitFor();
    expect(await page.getByLabel('Shown on', { exact: true }).first().inputValue()).toBe('Acme chat');
    await page.getByLabel('Shown on', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Every channel' }).click();
    await page.waitForURL(/[?&]channel=all/);
    await page.getByText('No FAQs here yet').waitFor();
    await page.reload();
    await page.getByText('No FAQs here yet').waitFor();
    expect(await page.getByLabel('Shown on', { exact: true }).first().inputValue()).toBe('Every channel');
  });

  test('the team page shows an invitation sent from elsewhere, and its acceptance, without a reload', async () => {
    expect((await admin.post('/api/invitations', { email: 'ada@example.com', role: 'VIEWER' })).status).toBe(201);
    await page.goto(`${api}/settings/team`);
    await page.locator('.connection-status[data-state="live"]').waitFor();
    // Both lists are loaded before the change happens: only a live update can show it.
    await page.getByText('ada@example.com').waitFor();
    const invited = (await admin.post('/api/invitations', { email: 'grace@example.com', role: 'AGENT' })).body.data;
    await page.getByText('grace@example.com').waitFor({ timeout: 10_000 });
    await shot('team-live');
    expect((await client(t.app).post('/api/auth/accept-invite', { token: invited.token, name: 'Grace Hopper', password: 'correct-horse-battery' })).status).toBe(201);
    await page.getByText('Grace Hopper').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByRole('button', { name: 'Revoke the invitation for grace@example.com' }).count()).toBe(0);
  });
});
