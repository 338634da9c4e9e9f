/// <reference lib="dom" />
import { createHmac, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { emailMailboxes } from '../../src/db/schema/index.ts';
import { buildTestApp, signupActor, type Actor, type TestApp } from '../helpers/app.ts';
import { dovecotAvailable, rawMail, startDovecot } from '../helpers/dovecot.ts';
import { graphTokenFor, sharedFakeProviders, type FakeProviders } from '../helpers/fake-providers.ts';
import { eventually } from '../helpers/instances.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { hasChromium, launch, screenshotDir } from './browser.ts';
import { seriousViolations } from './dashboard-axe.ts';

/**
 * Issue 12's "a browser test answers one conversation of each type": a customer writes on every channel type
 * (the widget API, signed Meta webhooks, a Telegram update, a mail put into a real Dovecot mailbox), an agent
 * answers each from the dashboard in Chromium, and each reply reaches its provider — the Graph/Telegram fake,
 * the SMTP server — and shows as Sent. Then an admin sets up a channel with the form's "Check connection".
 */

const available = hasChromium && (await dovecotAvailable());
const META_APP_SECRET = 'e2e-meta-app-secret';
const TG_SECRET = 'e2e_tg_secret';
const shot = (page: Page, name: string) => page.screenshot({ path: `${screenshotDir}channels-${name}.png` });
const sign = (raw: string) => `sha256=${createHmac('sha256', META_APP_SECRET).update(raw).digest('hex')}`;
const unique = () => randomBytes(4).toString('hex');

type Case = { type: string; inbound: string; reply: string; channelId: string; delivered: () => boolean | Promise<boolean> };

describe.skipIf(!available)('every channel type answered from the dashboard', () => {
  let t: TestApp;
  let api: string;
  let admin: Actor;
  let fake: FakeProviders;
  let dovecot: Awaited<ReturnType<typeof startDovecot>>;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let browser: Browser;
  let page: Page;
  const cases: Case[] = [];
  const ids = { page: `1${Date.now()}1`, ig: `1${Date.now()}2`, wa: `1${Date.now()}3`, bot: `${Math.floor(Math.random() * 1e8)}7` };

  const create = async (type: string, name: string, credentials: Record<string, unknown>) => {
    const res = await admin.post('/api/channels', { type, name, credentials, autoTranslate: false });
    if (res.status !== 201) throw new Error(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data.id as string;
  };
  const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const raw = JSON.stringify(body);
    return fetch(`${api}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw });
  };
  const metaWebhook = async (provider: string, body: unknown) => {
    const raw = JSON.stringify(body);
    const res = await fetch(`${api}/api/webhooks/${provider}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw) }, body: raw });
    expect(res.status, provider).toBe(200);
  };
  const sentTo = (match: (r: FakeProviders['requests'][number]) => boolean) => fake.requests.some((r) => r.method === 'POST' && match(r));

  beforeAll(async () => {
    fake = await sharedFakeProviders();
    [dovecot, sink] = await Promise.all([startDovecot(), startSmtpSink()]);
    t = await buildTestApp({
      RATE_LIMIT_FACTOR: '100',
      META_APP_SECRET,
      OUTBOUND_ALLOW: `127.0.0.1:${dovecot.port},127.0.0.1:${sink.port}`,
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    api = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    admin = await signupActor(t.app, 'channels-e2e');

    const tag = unique();
    const website = await create('WEBSITE_CHAT', 'Shop chat', {});
    const facebook = await create('FACEBOOK', 'Acme page', { pageId: ids.page, accessToken: graphTokenFor(ids.page) });
    const instagram = await create('INSTAGRAM', 'Acme Instagram', { accountId: ids.ig, accessToken: graphTokenFor(ids.ig) });
    const whatsapp = await create('WHATSAPP', 'Acme WhatsApp', { phoneNumberId: ids.wa, accessToken: graphTokenFor(ids.wa) });
    const botToken = `${ids.bot}:AAE2E-${tag}`;
    const telegram = await create('TELEGRAM', 'Acme bot', { botToken, secretToken: TG_SECRET });
    const email = await create('EMAIL', 'Support mail', {
      host: '127.0.0.1', port: sink.port, secure: false, username: dovecot.user, password: dovecot.password, from: dovecot.user,
      imapHost: '127.0.0.1', imapPort: dovecot.port, imapSecure: false,
    });

    const text = (type: string) => ({ inbound: `${type} customer asks ${tag}`, reply: `${type} answer from the dashboard ${tag}` });
    const c = {
      WEBSITE_CHAT: text('Website'), FACEBOOK: text('Messenger'), INSTAGRAM: text('Instagram'),
      WHATSAPP: text('WhatsApp'), TELEGRAM: text('Telegram'), EMAIL: text('Mail'),
    };

    // Customers write, each the way their channel brings messages in.
    const widget = await postJson('/api/widget/message', { channelId: website, visitorId: `visitor_${tag}_abcdefgh`, content: c.WEBSITE_CHAT.inbound });
    expect(widget.status).toBe(201);
    await metaWebhook('facebook', {
      object: 'page',
      entry: [{ id: ids.page, time: Date.now(), messaging: [{ sender: { id: 'psid-e2e' }, recipient: { id: ids.page }, timestamp: Date.now(), message: { mid: `m_${tag}`, text: c.FACEBOOK.inbound } }] }],
    });
    await metaWebhook('instagram', {
      object: 'instagram',
      entry: [{ id: ids.ig, time: Date.now(), messaging: [{ sender: { id: 'igsid-e2e' }, recipient: { id: ids.ig }, timestamp: Date.now(), message: { mid: `ig_${tag}`, text: c.INSTAGRAM.inbound } }] }],
    });
    await metaWebhook('whatsapp', {
      object: 'whatsapp_business_account',
      entry: [{ id: 'waba', changes: [{ field: 'messages', value: {
        messaging_product: 'whatsapp', metadata: { display_phone_number: '15550001111', phone_number_id: ids.wa },
        contacts: [{ wa_id: '38640111222', profile: { name: 'Nina' } }],
        messages: [{ from: '38640111222', id: `wamid.${tag}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: c.WHATSAPP.inbound } }],
      } }] }],
    });
    const tg = await postJson(`/api/webhooks/telegram/${telegram}`, {
      update_id: 1001,
      message: { message_id: 1001, date: Math.floor(Date.now() / 1000), chat: { id: 4242, type: 'private' }, from: { id: 4242, is_bot: false, first_name: 'Tina' }, text: c.TELEGRAM.inbound },
    }, { 'x-telegram-bot-api-secret-token': TG_SECRET });
    expect(tg.status).toBe(200);
    // The poller has taken the mailbox over (UIDVALIDITY recorded) before the mail arrives, so it is new mail.
    await eventually(async () => (await t.app.db.select().from(emailMailboxes).where(eq(emailMailboxes.channelId, email)))[0]?.uidValidity ?? null, (v) => v !== null, 30_000, 200);
    await dovecot.append(rawMail({ from: 'Ema <ema@customer.test>', to: dovecot.user, subject: `Order ${tag}`, messageId: `<${tag}@customer.test>` }, c.EMAIL.inbound));

    cases.push(
      { type: 'WEBSITE_CHAT', ...c.WEBSITE_CHAT, channelId: website, delivered: () => true },
      { type: 'FACEBOOK', ...c.FACEBOOK, channelId: facebook, delivered: () => sentTo((r) => r.path === '/graph/me/messages' && r.body?.recipient?.id === 'psid-e2e' && r.body?.message?.text === c.FACEBOOK.reply) },
      { type: 'INSTAGRAM', ...c.INSTAGRAM, channelId: instagram, delivered: () => sentTo((r) => r.path === '/graph/me/messages' && r.body?.recipient?.id === 'igsid-e2e' && r.body?.message?.text === c.INSTAGRAM.reply) },
      { type: 'WHATSAPP', ...c.WHATSAPP, channelId: whatsapp, delivered: () => sentTo((r) => r.path === `/graph/${ids.wa}/messages` && r.body?.to === '38640111222' && r.body?.text?.body === c.WHATSAPP.reply) },
      { type: 'TELEGRAM', ...c.TELEGRAM, channelId: telegram, delivered: () => sentTo((r) => r.path === `/telegram/bot${botToken}/sendMessage` && String(r.body?.chat_id) === '4242' && r.body?.text === c.TELEGRAM.reply) },
      { type: 'EMAIL', ...c.EMAIL, channelId: email, delivered: () => sink.mails.some((m) => m.text?.includes(c.EMAIL.reply) && m.subject === `Re: Order ${tag}` && m.to && JSON.stringify(m.to).includes('ema@customer.test')) },
    );

    // Every message is in before the agent opens the inbox (the live arrival of a row is dashboard.e2e's subject;
    // the mail comes whenever IMAP IDLE reports it).
    await eventually(async () => (await admin.get('/api/conversations?pageSize=50')).body.data.items.map((x: { lastMessagePreview: string }) => x.lastMessagePreview) as string[],
      (previews) => cases.every((k) => previews.includes(k.inbound)), 30_000, 250);

    browser = await launch();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(`${api}/login`);
    await page.locator('input[name="email"]').fill(admin.email);
    await page.locator('input[name="password"]').fill(admin.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/inbox/);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink?.close();
    await dovecot?.stop();
  });

  test('one conversation of each type arrives in the inbox, with its channel\'s icon', async () => {
    for (const c of cases) {
      const row = page.locator('.conversation-row', { hasText: c.inbound });
      await row.waitFor({ timeout: 15_000 });
      expect(await row.locator('.conversation-row-channel svg').count(), c.type).toBe(1);
    }
    await shot(page, '1-inbox-every-type');
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  for (const type of ['WEBSITE_CHAT', 'FACEBOOK', 'INSTAGRAM', 'WHATSAPP', 'TELEGRAM', 'EMAIL']) {
    test(`${type}: the agent's reply from the dashboard reaches the provider and shows as Sent`, async () => {
      const c = cases.find((x) => x.type === type)!;
      await page.locator('.conversation-row', { hasText: c.inbound }).click();
      await page.locator('.msg-bubble', { hasText: c.inbound }).waitFor();
      const composer = page.getByRole('textbox', { name: /^Reply to/ });
      await composer.fill(c.reply);
      await composer.press('Enter');
      const bubble = page.locator('.msg[data-direction="OUTBOUND"]', { hasText: c.reply });
      await bubble.waitFor();
      await expect.poll(() => bubble.locator('.msg-status').innerText(), { timeout: 20_000 }).toMatch(/Sent|Delivered|Read/);
      await expect.poll(c.delivered, { timeout: 10_000 }).toBe(true);
      // And the API agrees: the reply is SENT (or further), with no error.
      const conversationId = new URL(page.url()).pathname.split('/').pop()!;
      const messages = (await admin.get(`/api/conversations/${conversationId}/messages`)).body.data.items as { content: string; status: string; error: string | null }[];
      expect(messages.find((m) => m.content === c.reply)).toMatchObject({ status: expect.stringMatching(/^(SENT|DELIVERED|READ)$/), error: null });
      await shot(page, `2-answered-${type.toLowerCase()}`);
    }, 60_000);
  }

  test('a delivery the provider refuses shows FAILED with its reason, and Retry sends it again', async () => {
    const c = cases.find((x) => x.type === 'TELEGRAM')!;
    await page.goto(`${api}/inbox`);
    await page.locator('.conversation-row', { hasText: c.reply }).click();
    const text = `BLOCKED_BY_USER check ${unique()}`;
    const attempts = () => fake.requests.filter((r) => r.path.endsWith('/sendMessage') && r.body?.text === text).length;
    const composer = page.getByRole('textbox', { name: /^Reply to/ });
    await composer.fill(text);
    await composer.press('Enter');
    const bubble = page.locator('.msg[data-direction="OUTBOUND"]', { hasText: text });
    await expect.poll(() => bubble.locator('.msg-status').innerText(), { timeout: 20_000 }).toMatch(/Failed/);
    await bubble.locator('.msg-error', { hasText: /blocked/i }).waitFor();
    const before = attempts();
    expect(before).toBeGreaterThan(0);
    await bubble.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(attempts, { timeout: 20_000 }).toBeGreaterThan(before);
    await expect.poll(() => bubble.locator('.msg-status').innerText(), { timeout: 20_000 }).toMatch(/Failed/);
    await shot(page, '2-failed-delivery');
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  test('an HTML e-mail shows sanitised in a sandboxed frame, with its subject and the quoted history behind "…"', async () => {
    const tag = unique();
    const raw = [
      'From: Bea <bea@customer.test>', `To: ${dovecot.user}`, `Subject: Invoice ${tag}`, `Message-ID: <html-${tag}@customer.test>`,
      `Date: ${new Date().toUTCString()}`, 'MIME-Version: 1.0', 'Content-Type: multipart/alternative; boundary="b1"', '',
      '--b1', 'Content-Type: text/plain; charset=utf-8', '', `Where is invoice ${tag}?`, '', '--b1', 'Content-Type: text/html; charset=utf-8', '',
      `<p>Where is <b>invoice ${tag}</b>?</p><script>window.parent.document.title = 'pwned'</script>`,
      '<div class="gmail_quote">On Mon Bob wrote:<blockquote class="gmail_quote">the old quoted words</blockquote></div>', '--b1--', '',
    ].join('\r\n');
    await dovecot.append(raw);
    // Stored before the inbox opens: a row arriving while the page loads is not this test's subject.
    await eventually(async () => (await admin.get('/api/conversations?pageSize=50')).body.data.items.some((x: { subject: string | null }) => x.subject === `Invoice ${tag}`), Boolean, 30_000, 250);
    await page.goto(`${api}/inbox`);
    await page.locator('.conversation-row', { hasText: `Where is invoice ${tag}?` }).click({ timeout: 30_000 });
    const bubble = page.locator('.msg-bubble', { has: page.locator('.msg-email-frame') });
    await bubble.locator('.msg-email-subject', { hasText: `Invoice ${tag}` }).waitFor();
    const frame = page.frameLocator('.msg-email-frame');
    await frame.locator('b', { hasText: `invoice ${tag}` }).waitFor();
    expect(await frame.locator('script').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    await expect.poll(() => frame.getByText('the old quoted words').isVisible()).toBe(false);
    await bubble.getByRole('button', { name: 'Show quoted text' }).click();
    await expect.poll(() => frame.getByText('the old quoted words').isVisible()).toBe(true);
    expect(await page.locator('.msg-email-frame').getAttribute('sandbox')).not.toContain('allow-scripts');
    // No axe run here: axe must run a script inside every frame, and this one runs none, by design.
    await shot(page, '2-html-email');
  }, 60_000);

  test('an admin sets up a Telegram channel with the form, checking the connection first', async () => {
    await page.goto(`${api}/settings/channels`);
    await page.getByRole('button', { name: 'New channel' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New channel' });
    await dialog.getByRole('radio', { name: /Facebook Messenger/ }).click();
    // What to paste into Meta's console is shown with the type.
    await dialog.getByText(`${api}/api/webhooks/facebook`).waitFor();
    await dialog.getByText(/META_VERIFY_TOKEN/).waitFor();

    await dialog.getByRole('radio', { name: /Telegram/ }).click();
    await dialog.getByText(/Nothing to paste/).waitFor();
    await dialog.getByLabel(/^Name/).fill('Bot from the form');
    const tokenInput = dialog.getByLabel(/^Bot token/);
    await tokenInput.fill(`${Number(ids.bot) + 1}:INVALID-token`);
    await dialog.getByRole('button', { name: 'Check connection' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Telegram refused this bot token' }).waitFor();
    await shot(page, '3-check-connection-failed');
    expect(await seriousViolations(page)).toEqual([]);

    const good = `${Number(ids.bot) + 1}:AAFORM-${unique()}`;
    await tokenInput.fill(good);
    // The answer about the old token is gone once the token changes.
    expect(await dialog.getByText('Telegram refused this bot token').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Check connection' }).click();
    await dialog.getByText('Connection works').waitFor();
    expect(fake.requests.some((r) => r.path === `/telegram/bot${good}/getMe`)).toBe(true);
    await shot(page, '4-check-connection-ok');
    expect(await seriousViolations(page)).toEqual([]);

    await dialog.getByRole('button', { name: 'Create channel' }).click();
    await page.waitForURL(/\/settings\/channels\/[^/]+$/);
    await page.getByRole('heading', { name: /Bot from the form/ }).waitFor();
    await page.getByText(/Nothing to paste/).waitFor();
    // On the saved channel, a check of the stored token becomes its status.
    await page.getByRole('button', { name: 'Check connection' }).click();
    await page.getByText('Connection works').waitFor();
    await page.locator('.channel-status', { hasText: 'Connected' }).first().waitFor();
    await shot(page, '5-channel-page');
    expect(await seriousViolations(page)).toEqual([]);

    const list = (await admin.get('/api/channels')).body.data.items as { name: string; type: string; status: { state: string } | null }[];
    expect(list.find((ch) => ch.name === 'Bot from the form')).toMatchObject({ type: 'TELEGRAM', status: { state: 'OK' } });
  }, 60_000);
});
