import { defineProject } from 'vitest/config';

/** Browser tests: the real server, the built widget/dashboard, Debian's Chromium driven by playwright-core. */
export default defineProject({
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['./test/global-setup.ts', './test/e2e/build-assets.ts'],
    env: { NODE_ENV: 'test' },
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
