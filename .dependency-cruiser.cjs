/**
 * The layer rules of docs/ARCHITECTURE.md, checked by `pnpm check:architecture` (part of `pnpm test`).
 * API: lib ← plugins ← modules. Dashboard: lib/components/hooks ← features ← app.
 */
const API = '^apps/api/src/';
const WEB = '^apps/dashboard/src/';
const TEST_FILE = '\\.test\\.tsx?$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes load order matter and hides which side owns what.',
      from: {},
      // Type-only imports vanish at runtime, but a type cycle is still a layering knot: count them.
      to: { circular: true },
    },
    {
      name: 'api-lib-is-pure',
      severity: 'error',
      comment: 'lib/ holds pure helpers: it imports neither plugins/ nor modules/.',
      from: { path: `${API}lib/`, pathNot: TEST_FILE },
      to: { path: [`${API}plugins/`, `${API}modules/`, `${API}app\\.ts$`] },
    },
    {
      name: 'api-plugins-never-import-modules',
      severity: 'error',
      comment: 'A plugin offers a registry (app.events.subscribe, app.channels.register…); the module registers itself.',
      from: { path: `${API}plugins/` },
      to: { path: `${API}modules/` },
    },
    {
      name: 'api-app-is-the-composition-root',
      severity: 'error',
      comment: 'app.ts wires plugins and modules together; only the entry points (and tests) build it.',
      from: { path: API, pathNot: [TEST_FILE, `${API}main\\.ts$`] },
      to: { path: `${API}app\\.ts$` },
    },
    {
      name: 'api-src-never-imports-test-helpers',
      severity: 'error',
      comment: 'Test helpers live in test/ and are reached from tests only.',
      from: { path: API, pathNot: TEST_FILE },
      to: { path: '^apps/api/test/' },
    },
    {
      name: 'web-shared-layers-never-import-features-or-app',
      severity: 'error',
      comment: 'lib/, components/ and hooks/ are shared by every feature: they know no feature and no route.',
      from: { path: `${WEB}(lib|components|hooks)/` },
      to: { path: `${WEB}(features|app)/` },
    },
    {
      name: 'web-features-never-import-app',
      severity: 'error',
      comment: 'app/ composes the features (routes, providers); a feature never reaches back up.',
      from: { path: `${WEB}features/` },
      to: { path: `${WEB}app/` },
    },
    {
      name: 'web-no-feature-imports-another',
      severity: 'error',
      comment: 'Features are siblings: what two share moves down to lib/, components/ or hooks/, or up to app/.',
      from: { path: `${WEB}features/([^/]+)/` },
      to: { path: `${WEB}features/`, pathNot: `${WEB}features/$1/` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)node_modules/', '(^|/)dist/'] },
    // TypeScript 7 has no JavaScript API yet; swc parses the sources instead.
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
