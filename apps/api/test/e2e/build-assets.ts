import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/** The server serves what is built: build the widget and dashboard once if a checkout has not yet. */
export default function buildAssets() {
  for (const [app, marker] of [['widget', 'apps/widget/dist/manifest.json'], ['dashboard', 'apps/dashboard/dist/index.html']] as const) {
    if (!existsSync(`${root}${marker}`)) // Vitest runs with NODE_ENV=test, which would make Vite ship React's development build.
    execFileSync('pnpm', ['--filter', `@helpstack/${app}`, 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  }
}
