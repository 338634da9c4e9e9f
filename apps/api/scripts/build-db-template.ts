/**
 * `pnpm build` (api): an embedded-database data directory with every migration and the queue schema
 * applied, gzipped. A first start on an empty DATA_DIR unpacks it instead of running initdb in WASM,
 * which is most of a cold start. A template older than the migrations is harmless: start-up applies
 * whatever is still pending.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { fromPglite, pgliteTemplatePath } from '../src/db/client.ts';
import { installQueueSchema } from '../src/plugins/app/queue.ts';

const started = performance.now();
const pglite = await PGlite.create();
const database = fromPglite(pglite);
await database.migrate();
await installQueueSchema(database);
const dump = await pglite.dumpDataDir('gzip');
await pglite.close();
await mkdir(path.dirname(pgliteTemplatePath), { recursive: true });
await writeFile(pgliteTemplatePath, Buffer.from(await dump.arrayBuffer()));
console.log(`embedded database template: ${path.relative(process.cwd(), pgliteTemplatePath)} (${(dump.size / 1024 / 1024).toFixed(1)} MB) in ${Math.round(performance.now() - started)} ms`);
