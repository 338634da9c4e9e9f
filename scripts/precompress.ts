/**
 * Pre-compresses built static files for the server (`@fastify/static` `preCompressed`): next to each
 * `file` it writes `file.br` (brotli, best quality) and `file.gz` (gzip -9), which the server sends as-is
 * to a browser that accepts them. Compressing once at build time lets the slowest, smallest settings be
 * used, and costs the server nothing per request.
 *
 *   node scripts/precompress.ts <dir> [<dir>…]   every compressible file under each directory
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text formats; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|txt|map|wasm)$/;
/** Below this a response fits in a packet either way, and a compressed copy may come out larger. */
const MIN_BYTES = 512;

export interface Compressed {
  file: string;
  raw: number;
  br: number;
  gzip: number;
}

/** Writes `file.br` and `file.gz`; returns null when the file is too small to be worth it. */
export async function precompressFile(file: string): Promise<Compressed | null> {
  const raw = await readFile(file);
  if (raw.length < MIN_BYTES) return null;
  const [br, gzipped] = await Promise.all([
    brotli(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
    gz(raw, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gzipped)]);
  return { file, raw: raw.length, br: br.length, gzip: gzipped.length };
}

/** Every compressible file under `dir` (recursively). */
export async function precompressDir(dir: string): Promise<Compressed[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && COMPRESSIBLE.test(e.name)).map((e) => path.join(e.parentPath, e.name));
  const done = await Promise.all(files.map(precompressFile));
  return done.filter((c): c is Compressed => c !== null);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dirs = process.argv.slice(2);
  if (dirs.length === 0) {
    console.error('usage: node scripts/precompress.ts <dir> [<dir>…]');
    process.exit(2);
  }
  let raw = 0, br = 0, gzipped = 0, count = 0;
  for (const dir of dirs) {
    for (const c of await precompressDir(dir)) {
      raw += c.raw; br += c.br; gzipped += c.gzip; count++;
    }
  }
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`precompressed ${count} files: ${kb(raw)} → brotli ${kb(br)}, gzip ${kb(gzipped)}`);
}
