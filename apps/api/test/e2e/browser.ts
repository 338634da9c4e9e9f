import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = fileURLToPath(new URL('../../../../test-results/e2e/', import.meta.url));

/**
 * Debian's Chromium (never a downloaded browser). Without it the browser tests cannot run: in CI that is
 * a failure (.ci/run installs it); on a developer machine the tests are reported as skipped.
 */
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);

export async function launch(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  const profile = await mkdtemp(path.join(tmpdir(), 'helpstack-chromium-'));
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--disk-cache-dir=${profile}`,
    ],
  });
}
