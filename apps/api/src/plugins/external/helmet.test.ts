import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, client, signupActor, type Actor, type TestApp } from '../../../test/helpers/app.ts';
import configPlugin from '../app/config.ts';
import helmetPlugin from './helmet.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

let t: TestApp;
let admin: Actor;
beforeAll(async () => {
  t = await buildTestApp({ APP_ORIGIN: 'https://help.example.com' });
  admin = await signupActor(t.app);
});
afterAll(() => t.close());

const directives = (csp: unknown) =>
  Object.fromEntries(String(csp).split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

async function multipart(fields: Record<string, string>, file: Buffer, name: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)]), name);
  const req = new Request('http://local/', { method: 'POST', body: form });
  return { payload: Buffer.from(await req.arrayBuffer()), headers: { 'content-type': req.headers.get('content-type')! } };
}

describe('security headers', () => {
  test('dashboard and API: a CSP that nobody may frame, nosniff, a referrer policy; no HSTS over plain HTTP', async () => {
    for (const url of ['/api/health', '/inbox', '/api/nope']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      const csp = directives(res.headers['content-security-policy']);
      expect(csp['frame-ancestors'], url).toEqual(["'none'"]);
      expect(csp['script-src'], url).toEqual(["'self'"]);
      expect(csp['style-src'], url).toContain("'unsafe-inline'");
      expect(csp['connect-src'], url).toEqual(["'self'", 'wss://help.example.com']);
      expect(csp['object-src'], url).toEqual(["'none'"]);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  test('/docs (Scalar) may run its inline start-up script and load its fonts, and still cannot be framed', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    const csp = directives(res.headers['content-security-policy']);
    expect(csp['script-src']).toEqual(["'self'", "'unsafe-inline'", "'unsafe-eval'"]);
    expect(csp['font-src']).toContain('https://fonts.scalar.com');
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    // What the page loads is same-origin.
    const scripts = [...res.body.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) expect(new URL(src, 'http://localhost/docs/').origin).toBe('http://localhost');
  });

  test('the widget API may be used from any site: no same-origin resource policy, no frame denial', async () => {
    const channelId = (await admin.post('/api/channels', { type: 'WEBSITE_CHAT', name: 'Site', credentials: {} })).body.data.id;
    const res = await client(t.app).get(`/api/widget/${channelId}/config`, { origin: 'https://shop.example' });
    expect(res.status).toBe(200);
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  test('widget script, bundle and demo page routes get what embedding needs (routes chosen by URL)', async () => {
    const app = Fastify();
    await app.register(configPlugin, { config: t.config });
    await app.register(helmetPlugin);
    app.get('/widget.js', async () => 'loader');
    app.get('/widget/*', async () => 'bundle');
    app.get('/demo/widget', async (_r, reply) => reply.type('text/html').send('<script>inline()</script>'));
    app.get('/', async (_r, reply) => reply.type('text/html').send('<div id=root></div>'));
    for (const url of ['/widget.js', '/widget/widget.abc123.js']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['cross-origin-resource-policy'], url).toBe('cross-origin');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
    const demo = await app.inject({ method: 'GET', url: '/demo/widget' });
    expect(demo.headers['content-security-policy']).toBeUndefined();
    expect(demo.headers['x-content-type-options']).toBe('nosniff');
    const dashboard = await app.inject({ method: 'GET', url: '/' });
    expect(dashboard.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(directives(dashboard.headers['content-security-policy'])['frame-ancestors']).toEqual(["'none'"]);
    await app.close();
  });

  test('HSTS only when the request came over HTTPS', async () => {
    const app = Fastify({ trustProxy: true });
    await app.register(configPlugin, { config: t.config });
    await app.register(helmetPlugin);
    app.get('/', async () => 'ok');
    expect((await app.inject({ method: 'GET', url: '/' })).headers['strict-transport-security']).toBeUndefined();
    const https = await app.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
    await app.close();
  });

  test('authenticated API answers are never stored; public ones are left alone', async () => {
    const res = await admin.get('/api/organization');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect((await client(t.app).get('/api/health')).headers['cache-control']).toBeUndefined();
  });
});

describe('stored-file downloads: one helper for both routes', () => {
  test('agent and widget downloads are attachments that run nothing; the widget one may be shown on another site', async () => {
    const up = await multipart({}, PNG, 'pixel.png');
    const media = await t.app.inject({ method: 'POST', url: '/api/media/upload', ...up, headers: { ...up.headers, cookie: `helpstack_session=${admin.cookie}` } });
    expect(media.statusCode).toBe(201);
    const agent = await admin.get(`/api/media/${JSON.parse(media.body).data.id}?download=1`);

    const channelId = (await admin.post('/api/channels', { type: 'WEBSITE_CHAT', name: 'Files', credentials: {} })).body.data.id;
    const visitorId = crypto.randomUUID();
    const wup = await multipart({ visitorId }, PNG, 'pixel.png');
    const file = JSON.parse((await t.app.inject({ method: 'POST', url: `/api/widget/${channelId}/upload`, ...wup })).body).data;
    const msg = await client(t.app).post('/api/widget/message', { channelId, visitorId, content: 'see attached', attachments: [file.path] });
    expect(msg.status).toBe(201);
    const widget = await client(t.app).get(msg.body.data.message.attachments[0].url);

    for (const [res, corp] of [[agent, 'same-origin'], [widget, 'cross-origin']] as const) {
      expect(res.status).toBe(200);
      expect(res.raw.rawPayload.equals(PNG)).toBe(true);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="pixel.png"/);
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cross-origin-resource-policy']).toBe(corp);
    }
  });
});
