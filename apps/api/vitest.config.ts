import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'api',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Browser tests are their own project (vitest.e2e.config.ts), with the assets they need built.
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['./test/global-setup.ts'],
    // Observed by test/project-config.test.ts: proves this per-project file is the one that loaded.
    env: { HELPSTACK_TEST_PROJECT: 'api', NODE_ENV: 'test' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
