/// <reference lib="dom" />
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, signupActor, type Actor, type TestApp } from '../helpers/app.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { linkIn, waitForMail } from '../helpers/wait-for-mail.ts';
import { hasChromium, launch, screenshotDir } from './browser.ts';
import { seriousViolations } from './dashboard-axe.ts';

/**
 * System e-mail end to end: the real server mailing a real SMTP server (the test's sink), and people
 * in Chromium who only ever get their links from those mails. No PUBLIC_URL: the links point at the
 * origin the browser reached the server at.
 */

let t: TestApp;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let api: string;
let admin: Actor;
let browser: Browser;
const contexts: BrowserContext[] = [];

const shot = (page: Page, name: string) => page.screenshot({ path: `${screenshotDir}system-mail-${name}.png` });

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  contexts.push(context);
  return context.newPage();
}

async function logIn(page: Page, email: string, password: string) {
  await page.goto(`${api}/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/inbox/);
}

describe.skipIf(!hasChromium)('system e-mail in the browser', () => {
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await buildTestApp({ RATE_LIMIT_FACTOR: '100', SMTP_URL: `smtp://127.0.0.1:${sink.port}` });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    api = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    admin = await signupActor(t.app, 'mailadmin');
    browser = await launch();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.close();
    await sink?.close();
  });

  const invitee = { email: `new-agent-${Date.now()}@example.com`, name: 'Nadia Newcomer', password: 'first-password-123' };

  test('an admin invites by e-mail; the invitee opens the mailed link, sees workspace and role, joins and is signed in', async () => {
    const adminPage = await newPage();
    await logIn(adminPage, admin.email, admin.password);
    await adminPage.goto(`${api}/settings/team`);
    const invite = adminPage.getByRole('region', { name: 'Invite a teammate' });
    await invite.getByRole('textbox', { name: 'Email' }).fill(invitee.email);
    await invite.getByRole('combobox', { name: 'Role', exact: true }).click();
    await adminPage.getByRole('option', { name: 'Viewer', exact: true }).click();
    await invite.getByRole('button', { name: 'Create invitation' }).click();
    await invite.getByText(`Invitation for ${invitee.email} is ready`).waitFor();

    const mail = await waitForMail(sink.mails, invitee.email);
    expect(mail.subject).toBe('Join Org mailadmin on HelpStack');
    expect(mail.text).toContain('as a viewer');
    const link = linkIn(mail, `${api}/accept-invite?token=`);

    const page = await newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Join Org mailadmin on HelpStack' }).waitFor();
    expect(await page.getByTestId('invitation-workspace').innerText()).toBe('Org mailadmin');
    expect(await page.getByTestId('invitation-role').innerText()).toMatch(/viewer/i);
    expect(await page.getByTestId('invitation-email').innerText()).toBe(invitee.email);
    await shot(page, '1-accept-invite');
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator('input[name="name"]').fill(invitee.name);
    await page.locator('input[name="password"]').fill(invitee.password);
    await page.getByRole('button', { name: 'Join the team' }).click();
    await page.waitForURL(/\/inbox/);
    const session = await page.evaluate(async () => (await fetch('/api/auth/session')).json());
    expect(session.data).toMatchObject({ user: { email: invitee.email, name: invitee.name }, role: 'VIEWER', organization: { id: admin.organizationId } });

    // The link was used up: opening it again says so instead of showing the form.
    const again = await newPage();
    await again.goto(link);
    await again.getByRole('heading', { name: 'This invitation is no longer valid' }).waitFor();
  });

  test('forgot password: the mailed link sets a new password that works, and the old session is logged out', async () => {
    const oldSession = await newPage();
    await logIn(oldSession, invitee.email, invitee.password);

    const page = await newPage();
    await page.goto(`${api}/login`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL(/\/forgot-password$/);
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('input[name="email"]').fill(invitee.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    await shot(page, '2-check-your-email');

    const mail = await waitForMail(sink.mails, invitee.email, (m) => m.subject === 'Reset your HelpStack password');
    expect(mail.text).toContain('Org mailadmin');
    const link = linkIn(mail, `${api}/reset-password?token=`);

    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // The two fields must agree before anything is sent.
    await page.locator('input[name="password"]').fill('second-password-456');
    await page.locator('input[name="confirm"]').fill('second-password-45');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('The two passwords differ').waitFor();
    await page.locator('input[name="confirm"]').fill('second-password-456');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { name: 'Password changed' }).waitFor();
    await shot(page, '3-password-changed');

    // The old session is gone: its next page load lands on the login page.
    await oldSession.goto(`${api}/inbox`);
    await oldSession.waitForURL(/\/login/);

    // The old password no longer works, the new one does.
    await page.getByRole('link', { name: 'Log in' }).click();
    await page.waitForURL(/\/login/);
    await page.locator('input[name="email"]').fill(invitee.email);
    await page.locator('input[name="password"]').fill(invitee.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: /invalid/i }).waitFor();
    await page.locator('input[name="password"]').fill('second-password-456');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/inbox/);

    // The link worked once: a second use is refused with the reason.
    const reused = await newPage();
    await reused.goto(link);
    await reused.locator('input[name="password"]').fill('third-password-789');
    await reused.locator('input[name="confirm"]').fill('third-password-789');
    await reused.getByRole('button', { name: 'Set new password' }).click();
    await reused.getByRole('alert').filter({ hasText: /already used/ }).waitFor();
  });
});
