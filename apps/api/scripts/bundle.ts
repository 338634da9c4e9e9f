/**
 * `pnpm build` (api): the server as one ESM file, dist/main.mjs. Running from source costs a couple of
 * seconds of module resolution and type stripping at every start; the bundle loads in a fraction of
 * that. Packages that locate their own files at run time (WASM, native addons, static assets, worker
 * transports) stay external and load from node_modules.
 */
import { build } from 'esbuild';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const started = performance.now();
const outfile = fileURLToPath(new URL('../dist/main.mjs', import.meta.url));
await build({
  entryPoints: [fileURLToPath(new URL('../src/main.ts', import.meta.url))],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  external: [
    '@electric-sql/pglite', '@node-rs/argon2', '@scalar/fastify-api-reference', 'pino', 'pino-pretty',
    'pg-boss', 'pg', 'pg-native', 'ioredis', 'bufferutil', 'utf-8-validate',
  ],
  // Bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
// The entry enables V8's compile cache before importing the bundle, so a restart skips most of the
// compilation of 4 MB of JavaScript.
await writeFile(fileURLToPath(new URL('../dist/server.mjs', import.meta.url)), [
  "import module from 'node:module';",
  'module.enableCompileCache?.();',
  "await import('./main.mjs');",
  '',
].join('\n'));
console.log(`server bundle: dist/server.mjs → dist/main.mjs in ${Math.round(performance.now() - started)} ms`);
