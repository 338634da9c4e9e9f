/// <reference lib="dom" />
/**
 * The `dashboard` figure of `pnpm bench` (issue 14 item 6): the built dashboard in Chromium against the
 * bench server, signed in as the seeded organization's admin (100k conversations).
 *
 * - login → first row: from the login form's submit until the first inbox row is on screen, in
 *   BENCH_DASHBOARD_LOGINS (5) fresh browser contexts (each with an empty HTTP cache, as a first visit;
 *   the first of them also meets a server that has not served the dashboard yet).
 * - `j` → messages: from the `j` keydown until the next conversation's messages are on screen, over
 *   BENCH_DASHBOARD_PRESSES (10) presses one after another (after a pause, as a person reads); the press
 *   that opens the first conversation from the bare list is not counted.
 *
 * Both are timed inside the page (the submit time kept in sessionStorage across the navigation, the
 * keydown by a capturing listener) and polled every animation frame, so the figures are what the agent
 * sees up to one frame, without the round trips of the driver. Needs `pnpm build` (the dashboard is
 * served from apps/dashboard/dist) and /usr/bin/chromium (CHROMIUM_PATH); without them, or without the
 * seed, the figure is skipped with a note.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { paths } from '../src/paths.ts';
import { hasChromium, launch } from '../test/e2e/browser.ts';
import { percentiles } from './ai.ts';
import { median } from './measure.ts';
import { BENCH_EMAIL, BENCH_PASSWORD } from './seed-identity.ts';

interface Timings {
  count: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  runsMs: number[];
}

export interface DashboardFigures {
  /** Login submit → first inbox row visible; `firstMs` is the first login of the run. */
  loginToFirstRow: Timings & { firstMs: number };
  /** `j` keydown → the next conversation's messages visible. */
  nextToMessages: Timings;
  /** The browser window, e.g. 1440×900. */
  viewport: string;
}

const timings = (runsMs: number[]): Timings => ({
  count: runsMs.length,
  medianMs: median(runsMs),
  p95Ms: percentiles(runsMs).p95Ms,
  maxMs: Math.max(...runsMs),
  runsMs,
});

const VIEWPORT = { width: 1440, height: 900 };
/** A person reading before the next `j`; lets the mark-as-read and list refetch of the last one finish. */
const PAUSE_MS = 500;
const TIMEOUT_MS = 60_000;

/** Why the figure cannot be measured here, or undefined. */
export function dashboardMissing(): string | undefined {
  if (!hasChromium) return 'Chromium is not installed (apt-get install -y chromium, or set CHROMIUM_PATH)';
  if (!existsSync(path.join(paths.dashboardDist, 'index.html'))) return 'the dashboard is not built (`pnpm build` at the root)';
  return undefined;
}

/** Resolves, in the page, with ms since the login form's submit once the first real inbox row is on screen. */
async function loginOnce(browser: Browser, baseUrl: string): Promise<{ ms: number; page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  // Survives the navigation to /inbox, whatever kind it is; Date.now() rather than performance.now() for that reason.
  await context.addInitScript(() => {
    document.addEventListener('submit', () => sessionStorage.setItem('bench-submit-at', String(Date.now())), true);
  });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name="email"]').fill(BENCH_EMAIL);
  await page.locator('input[name="password"]').fill(BENCH_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  const handle = await page.waitForFunction(() => {
    const at = Number(sessionStorage.getItem('bench-submit-at'));
    if (!at) return false;
    const row = document.querySelector('.inbox-list .conversation-row:not(.conversation-row-skeleton) .conversation-row-name');
    if (!row || !row.textContent) return false;
    const box = row.getBoundingClientRect();
    return box.height > 0 && box.bottom > 0 && box.top < innerHeight ? Date.now() - at : false;
  }, undefined, { polling: 'raf', timeout: TIMEOUT_MS });
  const ms = (await handle.jsonValue()) as number;
  return { ms, page, close: () => context.close() };
}

/** The open conversation's id and its thread's text (what a press must change). */
const threadState = (page: Page) =>
  page.evaluate(() => ({
    id: location.pathname.split('/inbox/')[1] ?? '',
    text: (document.querySelector('.thread[role="region"]') as HTMLElement | null)?.innerText ?? '',
  }));

/**
 * Presses `j` and resolves with ms from its keydown until another conversation's messages are on screen:
 * the URL names a new conversation, its thread has finished loading (not the skeleton) and shows at least
 * one message bubble, with text other than the previous conversation's.
 */
async function pressNext(page: Page): Promise<number> {
  const before = await threadState(page);
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur(); // out of the composer, which takes focus on open
    const w = window as unknown as { benchKeyAt?: number };
    w.benchKeyAt = undefined;
    addEventListener('keydown', (e) => { if (e.key === 'j') w.benchKeyAt = performance.now(); }, { capture: true, once: true });
  });
  await page.keyboard.press('j');
  const handle = await page.waitForFunction((prev) => {
    const at = (window as unknown as { benchKeyAt?: number }).benchKeyAt;
    if (at === undefined) return false;
    const id = location.pathname.split('/inbox/')[1] ?? '';
    if (!id || id === prev.id) return false;
    const thread = document.querySelector('.thread[role="region"]') as HTMLElement | null;
    if (!thread || !thread.querySelector('.msg-bubble')) return false;
    const text = thread.innerText;
    return text && text !== prev.text ? performance.now() - at : false;
  }, before, { polling: 'raf', timeout: TIMEOUT_MS });
  return (await handle.jsonValue()) as number;
}

export async function measureDashboard(opts: { baseUrl: string; logins: number; presses: number }): Promise<DashboardFigures> {
  const browser = await launch();
  try {
    const logins: number[] = [];
    let last: Awaited<ReturnType<typeof loginOnce>> | undefined;
    for (let i = 0; i < opts.logins; i++) {
      await last?.close();
      last = await loginOnce(browser, opts.baseUrl);
      logins.push(last.ms);
    }
    const page = last!.page;
    await pressNext(page); // opens the first conversation from the bare list: not counted
    const presses: number[] = [];
    for (let i = 0; i < opts.presses; i++) {
      await page.waitForTimeout(PAUSE_MS);
      presses.push(await pressNext(page));
    }
    await last?.close();
    return {
      loginToFirstRow: { ...timings(logins), firstMs: logins[0]! },
      nextToMessages: timings(presses),
      viewport: `${VIEWPORT.width}×${VIEWPORT.height}`,
    };
  } finally {
    await browser.close();
  }
}

export function dashboardSummary(f: DashboardFigures): string {
  const ms = (n: number) => n.toFixed(1).padStart(9);
  const row = (label: string, t: Timings, first?: number) =>
    `  ${label.padEnd(34)}${String(t.count).padStart(5)}  ${ms(t.medianMs)}  ${ms(t.p95Ms)}  ${ms(t.maxMs)}${first === undefined ? '' : `  ${ms(first)}`}`;
  return [
    `dashboard: Chromium ${f.viewport}, the seeded admin (100k conversations), built dashboard served by the bench server`,
    `  ${''.padEnd(34)}count  median ms     p95 ms     max ms   first ms`,
    row('login submit → first inbox row', f.loginToFirstRow, f.loginToFirstRow.firstMs),
    row("j → next conversation's messages", f.nextToMessages),
  ].join('\n');
}
