/// <reference lib="dom" />
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, signupActor, type Actor, type TestApp } from '../helpers/app.ts';
import { startFakeLlm, type FakeLlm } from '../helpers/fake-llm.ts';
import { hasChromium, launch, screenshotDir } from './browser.ts';
import { seriousViolations } from './dashboard-axe.ts';

/**
 * AI in the agent dashboard end to end (issue 10, "Done when"): an admin adds a provider (the in-repo fake
 * model server) and turns translation on for a channel; a visitor writes German through the widget; the
 * agent sees the translation beside the original, asks for a suggestion, replies in English; the reply
 * waits for its translation and the agent's approval, and the visitor receives it in German.
 */

const MODEL = 'fake-e2e-model';
const GERMAN = 'Guten Tag, ich habe vor zwei Wochen eine Bestellung aufgegeben und sie ist immer noch nicht angekommen. Können Sie mir helfen?';
const REPLY_MARKER = 'PARCEL-7731';
const REPLY = `Sorry about the delay — your parcel ${REPLY_MARKER} left our warehouse yesterday.`;

let llm: FakeLlm;
let t: TestApp;
let admin: Actor;
let api: string;
let channelId: string;
let host: Server;
let hostUrl: string;
let browser: Browser;
let agent: Page;
let visitor: Page;

const shot = (page: Page, name: string) => page.screenshot({ path: `${screenshotDir}ai-${name}.png` });

/** Picks an option of a Mantine Select by its label. */
async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe.skipIf(!hasChromium)('AI in the agent dashboard', () => {
  beforeAll(async () => {
    llm = await startFakeLlm();
    t = await buildTestApp({ RATE_LIMIT_FACTOR: '100', OUTBOUND_ALLOW: `127.0.0.1:${llm.port}` });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    api = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    admin = await signupActor(t.app);
    channelId = (await admin.post('/api/channels', { type: 'WEBSITE_CHAT', name: 'Shop chat', credentials: {}, autoTranslate: false })).body.data.id;
    const script = await fetch(`${api}/api/channels/${channelId}/widget-script`, { headers: { cookie: `helpstack_session=${admin.cookie}` } });
    const { snippet } = ((await script.json()) as { data: { snippet: string } }).data;
    host = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><html lang="de"><head><title>Laden</title></head><body><h1>Laden</h1>${snippet}</body></html>`);
    });
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
    hostUrl = `http://localhost:${(host.address() as AddressInfo).port}`;

    browser = await launch();
    agent = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    visitor = await (await browser.newContext({ viewport: { width: 1024, height: 760 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => host?.close(r));
    await t?.close();
    await llm?.close();
  });

  test('the admin adds a provider pointing at the model server and tests it', async () => {
    await agent.goto(`${api}/login`);
    await agent.locator('input[name="email"]').fill(admin.email);
    await agent.locator('input[name="password"]').fill(admin.password);
    await agent.getByRole('button', { name: 'Log in' }).click();
    await agent.waitForURL(/\/inbox/);

    await agent.getByRole('link', { name: 'AI providers' }).click();
    await agent.getByRole('button', { name: 'Add a provider' }).click();
    const dialog = agent.getByRole('dialog', { name: 'Add an AI provider' });
    await dialog.getByLabel(/^Name/).fill('Fake GPT');
    await dialog.getByLabel(/^Model/).fill(MODEL);
    await dialog.getByLabel(/^API key/).fill('sk-test-e2e-key');
    await dialog.getByLabel(/^Base URL/).fill(llm.openaiUrl);
    await dialog.getByLabel("Use as the organization's default").check();
    await dialog.getByRole('button', { name: 'Add provider' }).click();
    await agent.getByText('Provider added').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await agent.getByRole('button', { name: 'Test', exact: true }).click();
    await agent.getByText('Fake GPT answered').waitFor();
    await expect.poll(() => llm.requests.length).toBeGreaterThan(0);
    expect(llm.requests.every((r) => r.status === 200)).toBe(true);
  });

  test('the channel gets AI settings: this provider, autoTranslate, agent language English', async () => {
    await agent.getByText('Fake GPT answered').waitFor({ state: 'hidden', timeout: 15_000 });
    await agent.getByRole('link', { name: 'Channels' }).click();
    await agent.getByText('Shop chat').click();
    await agent.getByRole('heading', { name: 'Settings' }).waitFor();
    await choose(agent, 'AI provider', 'Fake GPT (default)');
    await choose(agent, 'Agent language', 'English');
    await choose(agent, 'Response tone', 'Friendly');
    await agent.getByLabel('Translate automatically').check();
    await shot(agent, '0-channel-settings');
    expect(await seriousViolations(agent)).toEqual([]);
    await agent.getByRole('button', { name: 'Save changes' }).click();
    await agent.getByText('Channel saved').waitFor();
    const saved = (await admin.get(`/api/channels/${channelId}`)).body.data;
    expect(saved).toMatchObject({ autoTranslate: true, translateToLanguage: 'en', autoApprove: false, responseTemplate: { tone: 'friendly' } });
    expect(saved.aiProviderId).toEqual(expect.any(String));
  });

  test('a German visitor message shows its English translation beside the original', async () => {
    await agent.goto(`${api}/inbox`);
    await agent.locator('.connection-status[data-state="live"]').waitFor();
    await visitor.goto(hostUrl);
    await visitor.locator('.launcher').click();
    await visitor.locator('textarea').fill(GERMAN);
    await visitor.keyboard.press('Enter');

    await agent.locator('.conversation-row', { hasText: 'Bestellung' }).click({ timeout: 10_000 });
    const bubble = agent.locator('.msg[data-direction="INBOUND"] .msg-bubble', { hasText: 'Bestellung' });
    await bubble.waitFor();
    await agent.locator('.conversation-language', { hasText: 'German' }).waitFor();
    // The translation arrives later (message.updated), into the open view.
    const translation = bubble.locator('.msg-translation');
    await translation.waitFor({ timeout: 15_000 });
    expect(await translation.innerText()).toMatch(/Translation \(English\)/);
    expect(await translation.innerText()).toContain(`[${MODEL}]`);
    expect(await bubble.locator('.msg-text').first().innerText()).toBe(GERMAN);
    await shot(agent, '1-translation');
    expect(await seriousViolations(agent)).toEqual([]);

    // The toggle hides and shows it again.
    await agent.getByRole('button', { name: 'Hide translation' }).click();
    expect(await translation.count()).toBe(0);
    await agent.getByRole('button', { name: 'Show translation' }).click();
    await translation.waitFor();
  });

  test('"Suggest reply" puts an editable draft in the reply box', async () => {
    const composer = agent.getByRole('textbox', { name: /^Reply to/ });
    await expect.poll(() => agent.locator('.composer-tokens').innerText()).toMatch(/\d/);
    await agent.getByRole('button', { name: 'Suggest reply' }).click();
    await expect.poll(() => composer.inputValue(), { timeout: 10_000 }).toContain(`[${MODEL}]`);
    await agent.mouse.move(0, 0);
    await composer.focus();
    await shot(agent, '2-suggestion');
    // "Improve" rewrites the draft with the model too.
    await composer.fill('sory for the dely');
    await agent.getByRole('button', { name: 'Improve' }).click();
    await expect.poll(() => composer.inputValue(), { timeout: 10_000 }).toContain(`[${MODEL}]`);
    expect(llm.requests.some((r) => r.bodyText.includes('sory for the dely'))).toBe(true);
  });

  test('the reply waits for its translation and approval, then reaches the visitor in German', async () => {
    const composer = agent.getByRole('textbox', { name: /^Reply to/ });
    // A slow translation: Approve stays disabled while it runs.
    llm.delayNext(2_500, { match: REPLY_MARKER });
    await composer.fill(REPLY);
    await composer.press('Enter');
    const reply = agent.locator('.msg[data-direction="OUTBOUND"]', { hasText: REPLY_MARKER });
    await reply.waitFor();
    const approve = reply.getByRole('button', { name: /Approve/ });
    await reply.getByText('Waiting for approval').waitFor();
    await reply.getByText('Translating…').waitFor();
    expect(await approve.isDisabled()).toBe(true);
    await shot(agent, '3-waiting-translation');

    // message.updated brings the German text in place.
    const translation = reply.locator('.msg-translation');
    await translation.waitFor({ timeout: 15_000 });
    expect(await translation.innerText()).toMatch(/Will be sent as \(German\)/);
    await expect.poll(() => approve.isEnabled()).toBe(true);
    await reply.getByRole('button', { name: 'Edit' }).waitFor();
    await reply.getByRole('button', { name: 'Retranslate' }).waitFor();
    await agent.mouse.move(0, 0);
    await shot(agent, '4-approval');
    expect(await seriousViolations(agent)).toEqual([]);
    const translated = (await translation.locator('.msg-text').innerText()).trim();

    await approve.click();
    await expect.poll(() => reply.locator('.msg-status').innerText(), { timeout: 10_000 }).toMatch(/Sent|Delivered|Read/);
    const received = visitor.locator('.msg', { hasText: `[${MODEL}]` }).filter({ hasText: REPLY_MARKER });
    await received.waitFor({ timeout: 10_000 });
    expect((await received.innerText()).trim()).toContain(translated.slice(0, 40));
    await shot(visitor, '5-widget-translated-reply');
  });

  test('FAQs: "Generate from conversations" proposes FAQs; one is accepted, one rejected', async () => {
    await agent.getByRole('button', { name: 'Close', exact: true }).click();
    await agent.getByText(/Conversation with .* closed/).waitFor();
    await agent.getByRole('link', { name: 'FAQs' }).click();
    await agent.getByRole('button', { name: 'Generate from conversations' }).click();
    const proposals = agent.locator('.faq-proposal');
    await proposals.first().waitFor({ timeout: 15_000 });
    const count = await proposals.count();
    await shot(agent, '6-faq-proposals');
    await proposals.first().getByRole('button', { name: 'Accept' }).click();
    await agent.getByText('FAQ added').waitFor();
    await expect.poll(async () => (await admin.get('/api/faqs')).body.data.items.length).toBe(1);
    if (count > 1) await proposals.first().getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => proposals.count()).toBe(Math.max(0, count - 2));
    expect(await seriousViolations(agent)).toEqual([]);
  });
});
