/**
 * Prints the gzip size of the JavaScript a first visit must download before the app can start — the
 * entry chunk plus every chunk index.html modulepreloads (its static imports) — and fails over budget
 * (STYLE.md 11). Lazy route chunks are listed for information; they load on navigation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const BUDGET = 200 * 1024;

const html = readFileSync(`${dist}index.html`, 'utf8');
const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]+)"`).exec(tag)?.[1];
const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
const initialJs = tags
  .filter((t) => (t.startsWith('<script') && /type="module"/.test(t)) || (t.startsWith('<link') && /rel="modulepreload"/.test(t)))
  .map((t) => attr(t, 'src') ?? attr(t, 'href'))
  .filter((p): p is string => Boolean(p))
  .map((p) => p.replace(/^\//, ''));
const css = tags.filter((t) => /rel="stylesheet"/.test(t)).map((t) => attr(t, 'href')!.replace(/^\//, ''));

const measure = (file: string) => {
  const raw = readFileSync(`${dist}${file}`);
  return { file, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
const row = (label: string, raw: number, gzip: number, extra = '') => console.log(label.padEnd(44), kb(raw), kb(gzip), extra);

if (initialJs.length === 0) {
  console.error('size check: no module script found in dist/index.html');
  process.exit(1);
}

console.log('initial JavaScript (entry + modulepreload)'.padEnd(44), 'raw'.padStart(9), 'gzip'.padStart(9));
const initial = initialJs.map(measure);
for (const f of initial) row(f.file, f.raw, f.gzip);
const total = initial.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip }), { raw: 0, gzip: 0 });
row('TOTAL initial JS', total.raw, total.gzip, `budget ${kb(BUDGET).trim()} gzip`);

for (const f of css.map(measure)) row(`${f.file} (css, not counted)`, f.raw, f.gzip);

const lazy = readdirSync(`${dist}assets`)
  .filter((f) => f.endsWith('.js') && !initialJs.includes(`assets/${f}`))
  .map((f) => measure(`assets/${f}`))
  .sort((a, b) => b.gzip - a.gzip);
console.log(`lazy chunks: ${lazy.length}, largest:`);
for (const f of lazy.slice(0, 6)) row(`  ${f.file}`, f.raw, f.gzip);

if (total.gzip > BUDGET) {
  console.error(`size budget exceeded: initial JS is ${(total.gzip / 1024).toFixed(1)} KB gzip, budget ${BUDGET / 1024} KB`);
  process.exit(1);
}
console.log(`size budget ok: ${(total.gzip / 1024).toFixed(1)} KB of ${BUDGET / 1024} KB gzip`);
