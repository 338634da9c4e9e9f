import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { precompressDir, precompressFile } from '../../../../../scripts/precompress.ts';
import { loadConfig } from '../../config.ts';
import configPlugin from '../app/config.ts';
import staticPlugin from './static.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const asset = 'assets/index-Bx12ab34.js';
const bundle = 'widget.0123456789.js';
// Repetitive enough to compress well, large enough to be worth compressing.
const assetCode = Array.from({ length: 400 }, (_, i) => `export const value${i} = "dashboard ${i}";`).join('\n');
const bundleCode = Array.from({ length: 300 }, (_, i) => `window.__w${i} = ${i};`).join('\n');

let dir: string;
let app: FastifyInstance;

/** A dashboard and a widget as `pnpm build` leaves them: hashed files with their .br and .gz copies. */
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'helpstack-ops-static-'));
  const dashboardDist = path.join(dir, 'dashboard');
  const widgetDist = path.join(dir, 'widget');
  await mkdir(path.join(dashboardDist, 'assets'), { recursive: true });
  await mkdir(widgetDist, { recursive: true });
  await writeFile(path.join(dashboardDist, 'index.html'), `<!doctype html><script type="module" src="/${asset}"></script>`);
  await writeFile(path.join(dashboardDist, asset), assetCode);
  await writeFile(path.join(widgetDist, 'widget.js'), `(()=>{var s=document.createElement("script");s.src="/widget/${bundle}";document.head.append(s)})();`);
  await writeFile(path.join(widgetDist, bundle), bundleCode);
  await precompressDir(path.join(dashboardDist, 'assets'));
  await precompressFile(path.join(widgetDist, bundle));

  app = Fastify();
  await app.register(configPlugin, { config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }) });
  await app.register(staticPlugin, { dashboardDist, widgetDist });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('static files', () => {
  test('a hashed dashboard asset asked for with Accept-Encoding: br is the brotli copy, cached immutably', async () => {
    const res = await get(`/${asset}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(assetCode);
  });

  test('gzip for a browser that only takes gzip, the file itself for one that takes neither', async () => {
    const gz = await get(`/${asset}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe(IMMUTABLE);
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(gz.rawPayload).toString()).toBe(assetCode);

    const identity = await get(`/${asset}`);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.headers['cache-control']).toBe(IMMUTABLE);
    expect(identity.headers.vary).toMatch(/accept-encoding/i);
    expect(identity.body).toBe(assetCode);
  });

  test('the hashed widget bundle is served pre-compressed and immutable, to any embedding page', async () => {
    const res = await get(`/widget/${bundle}`, { 'accept-encoding': 'br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(bundleCode);
  });

  test('index.html is revalidated on every use, at / and as the SPA fallback', async () => {
    for (const url of ['/', '/index.html', '/conversations/abc']) {
      const res = await get(url, { accept: 'text/html', 'accept-encoding': 'br, gzip' });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toContain(asset);
    }
    const etag = (await get('/index.html')).headers.etag;
    expect(etag).toBeTruthy();
    expect((await get('/index.html', { 'if-none-match': String(etag) })).statusCode).toBe(304);
  });

  test('the widget loader keeps a short cache and answers a conditional request with 304', async () => {
    const res = await get('/widget.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const etag = String(res.headers.etag);
    expect(etag).toMatch(/^".+"$/);
    const again = await get('/widget.js', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });
});
