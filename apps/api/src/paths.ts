import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root (where pnpm-workspace.yaml is), found by walking up from this module: the same
 * answer whether the server runs from source (src/) or from the production bundle (dist/).
 */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'pnpm-workspace.yaml'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('pnpm-workspace.yaml not found above the server: run it from a HelpStack checkout');
    dir = parent;
  }
  return dir;
}

export const repoRoot = findRoot();
const at = (...parts: string[]) => path.join(repoRoot, ...parts);

export const paths = {
  migrations: at('drizzle'),
  pgliteTemplate: at('apps/api/dist/pglite-template.tar.gz'),
  dashboardDist: at('apps/dashboard/dist'),
  widgetDist: at('apps/widget/dist'),
  widgetDemo: at('apps/widget/demo/index.html'),
};
