/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { client, type Actor, type TestApp } from '../helpers/app.ts';
import { hasChromium, launch, screenshotDir } from './browser.ts';
import { logIn, startDashboardApp } from './dashboard-session.ts';
import { seriousViolations } from './dashboard-axe.ts';

/**
 * The command palette (Cmd/Ctrl+K, CONTRACT §12 / issue 15): jump to a conversation found by the customer's
 * name, run "Assign to me" on it; "Tag…" and "Snooze…" as second steps; and `e`, which closes the open
 * conversation and moves on to the next.
 */

let t: TestApp;
let admin: Actor;
let api: string;
let channelId: string;
let browser: Browser;
let page: Page;
const ids: Record<string, string> = {};

const shot = (name: string) => page.screenshot({ path: `${screenshotDir}command-palette-${name}.png` });
const conversation = async (id: string) => (await admin.get(`/api/conversations/${id}`)).body.data;

describe.skipIf(!hasChromium)('the command palette', () => {
  beforeAll(async () => {
    ({ t, api, admin, channelId } = await startDashboardApp());
    // Oldest first: the list shows Otto (newest) above Vera above Ines.
    for (const [name, content] of [['Ines', 'Do you ship to Portugal?'], ['Vera', 'Hi, I would like a refund for order 1042.'], ['Otto', 'My parcel arrived damaged.']] as const) {
      const res = await client(t.app).post('/api/widget/message', { channelId, visitorId: crypto.randomUUID(), name, content });
      expect(res.status).toBe(201);
      ids[name] = res.body.data.message.conversationId;
    }

    browser = await launch();
    page = await logIn(browser, api, admin);
    await page.locator('.connection-status[data-state="live"]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  test('Ctrl+K, the customer\'s name and Enter open their conversation', async () => {
    await page.keyboard.press('Control+k');
    const box = page.getByRole('combobox', { name: 'Command palette search' });
    await box.waitFor();
    // Views and settings are offered before anything is typed.
    await page.getByRole('option', { name: /Assigned to me/ }).waitFor();
    await box.pressSequentially('Vera');
    const hit = page.getByRole('group', { name: 'Conversations' }).getByRole('option', { name: /Vera/ });
    await hit.waitFor();
    await expect.poll(() => page.locator('.command-palette-option[aria-selected="true"]').innerText()).toContain('Vera');
    await shot('open');
    expect(await seriousViolations(page)).toEqual([]);
    await box.press('Enter');
    await page.waitForURL(new RegExp(`/inbox/${ids.Vera}`));
    await page.locator('.msg-bubble', { hasText: 'order 1042' }).waitFor();
    // The palette closes with a transition: gone once it has played.
    await expect.poll(() => box.count()).toBe(0);
  });

  test('"Assign to me" runs on the open conversation', async () => {
    expect((await conversation(ids.Vera!)).assignedToId).toBeNull();
    await page.keyboard.press('Control+k');
    const box = page.getByRole('combobox', { name: 'Command palette search' });
    await box.waitFor();
    await box.pressSequentially('assign to me');
    await expect.poll(() => page.locator('.command-palette-option[aria-selected="true"]').innerText()).toContain('Assign to me');
    await box.press('Enter');
    await expect.poll(async () => (await conversation(ids.Vera!)).assignedToId).toBe(admin.userId);
    // Ran once, on this conversation only.
    expect((await conversation(ids.Otto!)).assignedToId).toBeNull();
  });

  test('"Tag…" then a tag toggles it; "Snooze…" then a preset snoozes the open conversation', async () => {
    const tag = (await admin.post('/api/tags', { name: 'Billing', color: 'blue' })).body.data as { id: string };
    const box = page.getByRole('combobox', { name: 'Command palette search' });
    const selected = () => page.locator('.command-palette-option[aria-selected="true"]').innerText();
    const run = async (first: string, expected: RegExp, second: string, then: string) => {
      await page.keyboard.press('Control+k');
      await box.waitFor();
      await box.pressSequentially(first);
      await expect.poll(selected).toMatch(expected);
      await box.press('Enter');
      // The second step replaces the list in the same palette.
      await expect.poll(() => box.getAttribute('placeholder')).not.toMatch(/^Search/);
      await box.pressSequentially(second);
      await expect.poll(selected).toContain(then);
      await box.press('Enter');
      await expect.poll(() => box.count()).toBe(0);
    };
    await run('tag', /^Tag…/, 'bill', 'Billing');
    await expect.poll(async () => (await conversation(ids.Vera!)).tags.map((t: { id: string }) => t.id)).toEqual([tag.id]);
    await run('snooze', /^Snooze…/, 'tomorrow', 'Tomorrow');
    await expect.poll(async () => (await conversation(ids.Vera!)).snoozedUntil).not.toBeNull();
    const vera = await conversation(ids.Vera!);
    expect(vera.status).toBe('PENDING');
    expect(Date.parse(vera.snoozedUntil) - Date.now()).toBeGreaterThan(3600_000);
    // Back to work for the next test.
    expect((await admin.patch(`/api/conversations/${ids.Vera}`, { snoozedUntil: null, status: 'OPEN' })).status).toBe(200);
  });

  test('`e` closes the open conversation and opens the next one; j/k still walk the list', async () => {
    await page.locator('.inbox-list').getByText('Otto').first().click();
    await page.waitForURL(new RegExp(`/inbox/${ids.Otto}`));
    await page.locator('.msg-bubble', { hasText: 'arrived damaged' }).waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur()); // out of any text field
    await page.keyboard.press('e');
    await page.waitForURL(new RegExp(`/inbox/${ids.Vera}`));
    await expect.poll(async () => (await conversation(ids.Otto!)).status).toBe('CLOSED');
    await page.keyboard.press('j');
    await page.waitForURL(new RegExp(`/inbox/${ids.Ines}`));
    await page.keyboard.press('k');
    await page.waitForURL(new RegExp(`/inbox/${ids.Vera}`));
  });
});
