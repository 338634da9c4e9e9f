/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { client, type Actor, type TestApp } from '../helpers/app.ts';
import { hasChromium, launch, screenshotDir } from './browser.ts';
import { logIn, startDashboardApp } from './dashboard-session.ts';
import { seriousViolations } from './dashboard-axe.ts';

/**
 * Tags, bulk actions and snooze in Chromium (CONTRACT §12): create a tag in Settings, tag two conversations
 * at once from the inbox, filter by it, close both in one request; snooze one for a few seconds and watch it
 * come back to Open when the wake-up job runs; the last-activity date range (chip, popover preset).
 */

let t: TestApp;
let admin: Actor;
let api: string;
let channelId: string;
const ids: string[] = [];
let browser: Browser;
let page: Page;

const shot = (name: string) => page.screenshot({ path: `${screenshotDir}${name}.png` });
const conversation = async (id: string) => (await admin.get(`/api/conversations/${id}`)).body.data as { status: string; tags: { name: string }[]; snoozedUntil: string | null };

describe.skipIf(!hasChromium)('tags, bulk actions and snooze', () => {
  beforeAll(async () => {
    ({ t, api, admin, channelId } = await startDashboardApp());
    for (const [name, content] of [['Vera', 'My parcel never arrived.'], ['Omar', 'I was charged twice.'], [undefined, 'Do you ship to Norway?']] as const) {
      const res = await client(t.app).post('/api/widget/message', { channelId, visitorId: crypto.randomUUID(), ...(name ? { name } : {}), content });
      ids.push(res.body.data.message.conversationId);
    }

    browser = await launch();
    page = await logIn(browser, api, admin);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  test('Settings → Tags creates a tag with a colour', async () => {
    await page.getByRole('link', { name: 'Tags' }).click();
    await page.getByRole('heading', { name: 'Tags', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add tag' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New tag' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Billing');
    await dialog.getByRole('radio', { name: 'grape' }).click();
    await dialog.getByRole('button', { name: 'Add tag' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Edit Billing' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect((await admin.get('/api/tags')).body.data.items).toEqual([{ id: expect.any(String), name: 'Billing', color: 'grape' }]);
  });

  test('select two rows (click, shift-click), tag them in one request, filter by the tag, close both', async () => {
    await page.goto(`${api}/inbox`);
    await page.locator('.conversation-row').nth(2).waitFor();
    // Newest first: rows 0 and 1 are the last two conversations created; shift-click selects the range.
    await page.getByRole('checkbox', { name: 'Select conversation 1' }).click();
    await page.getByRole('checkbox', { name: 'Select conversation 2' }).click({ modifiers: ['Shift'] });
    const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
    await bar.getByText('2 selected').waitFor();
    const bulkRequests: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/api/conversations/bulk')) bulkRequests.push(r.url()); });
    await bar.getByRole('button', { name: 'Tag' }).click();
    await page.getByRole('menuitem', { name: 'Tag Billing', exact: true }).click();
    await expect.poll(async () => (await Promise.all(ids.map(conversation))).map((c) => c.tags.map((x) => x.name))).toEqual([[], ['Billing'], ['Billing']]);
    expect(bulkRequests).toHaveLength(1);
    await page.locator('.conversation-row .mantine-Badge-root', { hasText: 'Billing' }).nth(1).waitFor();
    await shot('inbox-tags');

    const tagId = (await admin.get('/api/tags')).body.data.items[0].id;
    await page.goto(`${api}/inbox?tag=${tagId}`);
    await expect.poll(() => page.locator('.conversation-row').count()).toBe(2);
    await page.getByRole('checkbox', { name: 'Select conversation 1' }).click();
    await page.getByRole('checkbox', { name: 'Select conversation 2' }).click();
    await page.getByRole('toolbar', { name: 'Bulk actions' }).getByRole('button', { name: 'Close' }).click();
    await expect.poll(async () => (await Promise.all(ids.map(conversation))).map((c) => c.status)).toEqual(['OPEN', 'CLOSED', 'CLOSED']);
    await expect.poll(() => page.locator('.conversation-row').count()).toBe(0);
  });

  test('snooze one for a few seconds: it goes to Snoozed and comes back to Open', async () => {
    await page.goto(`${api}/inbox/${ids[0]}`);
    await page.locator('.msg-bubble', { hasText: 'parcel' }).waitFor();
    await page.getByRole('button', { name: 'Snooze' }).click();
    await page.getByRole('menuitem', { name: /Custom date and time/ }).click();
    // The custom dialog takes minutes (prefilled two hours ahead): it snoozes through the API…
    const dialog = page.getByRole('dialog', { name: 'Snooze until' });
    await dialog.getByLabel('Date and time').waitFor();
    await dialog.getByRole('button', { name: 'Snooze' }).click();
    await expect.poll(async () => (await conversation(ids[0]!)).snoozedUntil).not.toBeNull();
    expect((await conversation(ids[0]!)).status).toBe('PENDING');
    // …then a snooze of a few seconds, set by the API, shows the wake-up without waiting minutes.
    const until = new Date(Date.now() + 3000).toISOString();
    expect((await admin.patch(`/api/conversations/${ids[0]}`, { snoozedUntil: until })).body.data.status).toBe('PENDING');
    await page.getByRole('button', { name: /Snoozed until/ }).waitFor();
    await page.goto(`${api}/inbox?snoozed=true`);
    await expect.poll(() => page.locator('.conversation-row').count()).toBe(1);
    // The wake-up job: back to Open, out of the Snoozed view, with its activity line.
    await expect.poll(() => conversation(ids[0]!), { timeout: 20_000, interval: 500 }).toMatchObject({ status: 'OPEN', snoozedUntil: null });
    await expect.poll(() => page.locator('.conversation-row').count(), { timeout: 10_000 }).toBe(0);
    await page.goto(`${api}/inbox/${ids[0]}`);
    await page.locator('.msg-system[data-activity]', { hasText: 'HelpStack reopened this (snooze ended)' }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Snooze', exact: true }).waitFor();
  });

  test('the search box searches every status and shows each result\'s status', async () => {
    await page.goto(`${api}/inbox?q=charged`);
    const row = page.locator('.conversation-row', { hasText: 'charged twice' });
    await row.waitFor();
    await row.getByText('Closed').waitFor();
    await page.getByText('Searching every status').waitFor();
  });

  test('date range: a chip shows it, removing it widens the list; the popover\'s "Today" writes ?since=', async () => {
    await page.goto(`${api}/inbox?q=charged&until=2000-01-01T00:00:00Z`);
    const chip = page.getByText('Last activity: Until');
    await chip.waitFor();
    await page.getByText('Nothing matches', { exact: false }).or(page.locator('.inbox-list .conversation-row')).first().waitFor();
    expect(await page.locator('.conversation-row', { hasText: 'charged twice' }).count()).toBe(0);
    await page.getByRole('button', { name: /Remove filter: last activity/ }).click();
    await page.locator('.conversation-row', { hasText: 'charged twice' }).waitFor();
    expect(new URL(page.url()).searchParams.has('until')).toBe(false);

    await page.getByRole('button', { name: /More filters/ }).click();
    await page.getByLabel('Last activity', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Today' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('since')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await page.getByText('Last activity: Today').waitFor();
    await page.locator('.conversation-row', { hasText: 'charged twice' }).waitFor();
    await shot('inbox-date-range');
  });
});
