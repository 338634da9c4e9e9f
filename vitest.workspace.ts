/**
 * The one list of test projects. Vitest ≥ 4 no longer reads this file by itself:
 * vitest.config.ts imports it into `test.projects`.
 */
export default ['apps/api/vitest.config.ts', 'apps/dashboard/vitest.config.ts', 'apps/widget/vitest.config.ts', 'apps/api/vitest.e2e.config.ts'];
