/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { client, inviteActor, type Actor, type TestApp } from '../helpers/app.ts';
import { hasChromium, launch, screenshotDir } from './browser.ts';
import { logIn, startDashboardApp } from './dashboard-session.ts';
import { seriousViolations } from './dashboard-axe.ts';

/**
 * The agent's workday in Chromium (CONTRACT §12): a private note with an @mention inline, a saved reply
 * inserted with `/` and sent, and activity lines as the conversation changes.
 */

let t: TestApp;
let admin: Actor;
let teammate: Actor;
let api: string;
let channelId: string;
let conversationId: string;
let visitorId: string;
let browser: Browser;
let page: Page;

const shot = (name: string) => page.screenshot({ path: `${screenshotDir}workday-${name}.png` });
const NOTE = 'VIP customer, refund approved by finance.';

describe.skipIf(!hasChromium)('the agent\'s workday', () => {
  beforeAll(async () => {
    ({ t, api, admin, channelId } = await startDashboardApp());
    teammate = await inviteActor(t.app, admin, 'AGENT');
    visitorId = crypto.randomUUID();
    const first = await client(t.app).post('/api/widget/message', { channelId, visitorId, name: 'Vera', content: 'Hi, I would like a refund for order 1042.' });
    conversationId = first.body.data.message.conversationId;
    for (const [shortcut, title, content] of [
      ['hello', 'Greeting', 'Hello {{customer.name}}, how can I help?'],
      ['refund', 'Refund on its way', 'Hi {{customer.name}}, {{agent.name}} here: your refund is on its way.'],
    ]) {
      expect((await admin.post('/api/saved-replies', { shortcut, title, content })).status).toBe(201);
    }

    browser = await launch();
    page = await logIn(browser, api, admin);
    await page.goto(`${api}/inbox/${conversationId}`);
    await page.locator('.connection-status[data-state="live"]').waitFor();
    await page.locator('.msg-bubble', { hasText: 'order 1042' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  test('a note with an @mention appears inline as a private note; the visitor never sees it', async () => {
    await page.locator('.composer .mantine-SegmentedControl-label', { hasText: 'Note' }).click();
    const box = page.getByRole('textbox', { name: 'Private note' });
    await box.waitFor();
    await box.fill('');
    await box.pressSequentially('@AG');
    const option = page.getByRole('option', { name: /Test AGENT/ });
    await option.waitFor();
    await option.dispatchEvent('mousedown');
    await expect.poll(() => box.inputValue()).toBe('@Test AGENT ');
    await box.pressSequentially(NOTE);
    // On a loaded machine React may still be catching up with the typing: send only what was typed, and only
    // once the member list has closed (while it is open, Enter picks a member instead of sending).
    await expect.poll(() => box.inputValue()).toBe(`@Test AGENT ${NOTE}`);
    await option.waitFor({ state: 'detached' });
    await box.press('Enter');
    const note = page.locator('.msg[data-note]', { hasText: NOTE }).last();
    await note.waitFor();
    expect(await note.innerText()).toContain('Private note');
    // The mention is shown as one, by name.
    await note.locator('.msg-mention', { hasText: '@Test AGENT' }).waitFor();
    expect(await note.locator('.msg-status').count()).toBe(0);

    const stored = (await admin.get(`/api/conversations/${conversationId}/messages`)).body.data.items.find((m: { content: string }) => m.content.includes(NOTE));
    expect(stored).toMatchObject({ private: true, senderType: 'AGENT', mentions: [teammate.userId], content: `@Test AGENT ${NOTE}` });
    const seen = (await client(t.app).get(`/api/widget/${channelId}/conversation?visitorId=${visitorId}`)).body.data.messages.map((m: { content: string }) => m.content);
    expect(seen.join('\n')).not.toContain(NOTE);
  });

  test('`/` opens the saved replies; ↓ and Enter insert the chosen one, expanded, and it is sent', async () => {
    await page.locator('.composer .mantine-SegmentedControl-label', { hasText: 'Reply' }).click();
    const box = page.getByRole('textbox', { name: /^Reply to/ });
    await box.click();
    await box.pressSequentially('/');
    const picker = page.getByTestId('saved-reply-picker');
    await picker.waitFor();
    await expect.poll(() => picker.getByRole('option').allInnerTexts()).toEqual([expect.stringContaining('/hello'), expect.stringContaining('/refund')]);
    await box.press('ArrowDown');
    await expect.poll(() => picker.locator('[aria-selected="true"]').innerText()).toContain('/refund');
    await shot('saved-reply-picker');
    expect(await seriousViolations(page)).toEqual([]);
    // Fuzzy: "rfd" still finds /refund.
    await box.pressSequentially('rfd');
    await expect.poll(() => picker.getByRole('option').allInnerTexts()).toEqual([expect.stringContaining('/refund')]);
    await box.press('Enter');
    const expanded = 'Hi Vera, Test admin here: your refund is on its way.';
    await expect.poll(() => box.inputValue()).toBe(expanded);
    expect(await picker.count()).toBe(0);
    await box.press('Enter');
    await page.locator('.msg[data-direction="OUTBOUND"]:not([data-note])', { hasText: expanded }).waitFor();
    await expect.poll(async () => (await client(t.app).get(`/api/widget/${channelId}/conversation?visitorId=${visitorId}`)).body.data.messages.map((m: { content: string }) => m.content))
      .toContain(expanded);
  });

  test('assigning and closing add activity lines to the timeline', async () => {
    expect((await admin.patch(`/api/conversations/${conversationId}`, { assignedToId: teammate.userId })).status).toBe(200);
    await page.locator('.msg-system[data-activity]', { hasText: 'Test admin assigned this to Test AGENT' }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    const closed = page.locator('.msg-system[data-activity]', { hasText: 'Test admin closed this' });
    await closed.waitFor({ timeout: 10_000 });
    expect(await closed.innerText()).toMatch(/closed this · \d{1,2}:\d{2}/);
    await shot('notes-and-activity');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('Settings → Saved replies lists them and adds one; a duplicate shortcut is refused in the form', async () => {
    await page.getByRole('link', { name: 'Saved replies' }).click();
    await page.getByRole('heading', { name: 'Saved replies', level: 1 }).waitFor();
    await page.getByText('/refund').waitFor();
    await page.getByText('/hello').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Add saved reply' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New saved reply' });
    await dialog.getByRole('textbox', { name: 'Shortcut' }).fill('refund');
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Another refund');
    await dialog.getByRole('textbox', { name: 'Content' }).fill('Thanks {{customer.name}}!');
    await dialog.getByRole('button', { name: 'Add saved reply' }).click();
    await dialog.getByText(/already used/).waitFor();
    await dialog.getByRole('textbox', { name: 'Shortcut' }).fill('thanks');
    await dialog.getByRole('button', { name: 'Add saved reply' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('/thanks').waitFor();
    await shot('saved-replies-settings');
    expect((await admin.get('/api/saved-replies')).body.data.items.map((r: { shortcut: string }) => r.shortcut)).toEqual(['hello', 'refund', 'thanks']);
  });
});
