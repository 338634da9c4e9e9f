/**
 * Prints raw and gzip sizes of the built files and fails over budget (STYLE.md 11, after Plausible):
 * the loader is on every page view of every customer's site, the bundle on most of them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const BUDGET = { loader: 1024, total: 20 * 1024 };

const manifest = JSON.parse(readFileSync(`${dist}manifest.json`, 'utf8')) as { loader: string; bundle: string };
const measure = (file: string) => {
  const raw = readFileSync(`${dist}${file}`);
  return { file, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
};
const loader = measure(manifest.loader);
const bundle = measure(manifest.bundle);
const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`.padStart(9);

console.log('file'.padEnd(26), 'raw'.padStart(9), 'gzip'.padStart(9), 'budget (gzip)');
console.log(loader.file.padEnd(26), kb(loader.raw), kb(loader.gzip), kb(BUDGET.loader));
console.log(bundle.file.padEnd(26), kb(bundle.raw), kb(bundle.gzip));
console.log('loader + bundle'.padEnd(26), kb(loader.raw + bundle.raw), kb(loader.gzip + bundle.gzip), kb(BUDGET.total));

const problems = [
  loader.gzip > BUDGET.loader && `loader is ${loader.gzip} B gzip, budget ${BUDGET.loader} B`,
  loader.gzip + bundle.gzip > BUDGET.total && `loader + bundle is ${loader.gzip + bundle.gzip} B gzip, budget ${BUDGET.total} B`,
].filter(Boolean);
if (problems.length) {
  for (const p of problems) console.error(`size budget exceeded: ${p}`);
  process.exit(1);
}
console.log('size budget ok');
