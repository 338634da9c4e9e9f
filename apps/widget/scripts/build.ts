/**
 * Builds the two files third-party pages load, into dist/:
 *   widget.js          the loader (stable URL, short cache) — IIFE, minified
 *   widget.<hash>.js   the bundle (immutable, long cache) — IIFE, minified, CSS inlined as a string
 * plus manifest.json, and the bundle's .br and .gz copies (served pre-compressed). The bundle is built
 * first: its content hash goes into its name, and that name is baked into the loader.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type InlineConfig, type Rollup } from 'vite';
import { precompressFile } from '../../../scripts/precompress.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;
// Not a timestamp: an unchanged source must give the same bundle name, so browsers keep their cache.
const version: string = process.env.HELPSTACK_VERSION ?? JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version;

async function bundle(entry: string, define: Record<string, string>): Promise<string> {
  const config: InlineConfig = {
    configFile: false,
    root,
    publicDir: false,
    logLevel: 'warn',
    define,
    build: {
      write: false,
      target: 'es2020',
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      // One self-contained file: no chunks, no CSS file (styles are imported `?inline`).
      lib: { entry, formats: ['iife'], name: 'HelpStackWidget', fileName: () => 'out.js' },
    },
  };
  const result = (await build(config)) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const chunks = outputs.filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
  if (chunks.length !== 1 || outputs.length !== 1) throw new Error(`${entry}: expected one JS file, got ${outputs.map((o) => o.fileName).join(', ')}`);
  return chunks[0]!.code;
}

const main = await bundle('src/main.ts', { __HELPSTACK_VERSION__: JSON.stringify(version) });
const hash = createHash('sha256').update(main).digest('hex').slice(0, 10);
const bundleFile = `widget.${hash}.js`;
const loader = await bundle('src/loader.ts', { __HELPSTACK_BUNDLE__: JSON.stringify(`/widget/${bundleFile}`) });

for (const [name, code] of [['main', main], ['loader', loader]] as const) {
  // The entries export nothing, so the IIFE must not create a global; only window.HelpStack exists.
  if (/^\s*var\s+HelpStackWidget\b/.test(code)) throw new Error(`${name}: the IIFE leaks a global`);
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
writeFileSync(`${dist}/${bundleFile}`, main);
await precompressFile(`${dist}/${bundleFile}`);
writeFileSync(`${dist}/widget.js`, loader);
writeFileSync(`${dist}/manifest.json`, `${JSON.stringify({ loader: 'widget.js', bundle: bundleFile, version }, null, 2)}\n`);
console.log(`built dist/widget.js → /widget/${bundleFile}`);
