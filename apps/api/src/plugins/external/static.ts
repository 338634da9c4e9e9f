import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { paths } from '../../paths.ts';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { NotFoundError } from '../../lib/errors.ts';
import { sendError } from '../app/error-handler.ts';

export interface StaticOptions {
  /** The built dashboard (index.html + hashed assets/); the repository's by default. */
  dashboardDist?: string;
  /** The built widget (loader widget.js + hashed bundle); the repository's by default. */
  widgetDist?: string;
}

/**
 * A hashed file's content never changes under its name: browsers and CDNs keep it for a year without
 * asking again. `pnpm build` writes .br and .gz copies beside each (scripts/precompress.ts); the one the
 * browser accepts is sent as-is, with `Vary: Accept-Encoding`.
 */
const hashed = { immutable: true, maxAge: '365d', preCompressed: true } as const;
// A stable name whose content changes with a deploy: used while unchanged, but asked about every time.
const revalidated = 'no-cache';

/**
 * Serves the built dashboard at / (with SPA fallback to index.html), the widget (a short-cached
 * stable loader at /widget.js, immutable hashed bundles under /widget/).
 * Unknown /api paths keep their 404 envelope; so does everything when nothing is built.
 */
export default fp<StaticOptions>(async (app, opts) => {
  const dashboardDist = opts.dashboardDist ?? paths.dashboardDist;
  const widgetDist = opts.widgetDist ?? paths.widgetDist;
  const hasDashboard = existsSync(`${dashboardDist}/index.html`);
  const hasWidget = existsSync(`${widgetDist}/widget.js`);
  if (hasWidget) {
    await app.register(fastifyStatic, {
      root: widgetDist,
      prefix: '/widget/',
      decorateReply: false,
      ...hashed,
      // Any page may embed the widget; the bundle is public code.
      setHeaders: (res) => void res.header('access-control-allow-origin', '*'),
    });
    const loader = readFileSync(`${widgetDist}/widget.js`);
    const etag = `"${createHash('sha256').update(loader).digest('base64url').slice(0, 27)}"`;
    app.get('/widget.js', { schema: { hide: true } }, (request, reply) => {
      reply
        // Stable URL pasted into customers' sites: short cache so a new bundle hash reaches them soon,
        // then a conditional request that costs a 304 while the loader is unchanged.
        .header('cache-control', 'public, max-age=300')
        .header('etag', etag)
        .header('access-control-allow-origin', '*');
      if (request.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag)) return reply.code(304).send();
      return reply.type('text/javascript; charset=utf-8').send(loader);
    });
  }
  if (hasDashboard) {
    // index.html (and any other top-level file): revalidated, so a deploy reaches every open tab.
    await app.register(fastifyStatic, {
      root: dashboardDist,
      prefix: '/',
      wildcard: false,
      index: false,
      globIgnore: ['assets/**'],
      preCompressed: true,
      setHeaders: (res) => void res.header('cache-control', revalidated),
    });
    if (existsSync(`${dashboardDist}/assets`)) {
      await app.register(fastifyStatic, { root: `${dashboardDist}/assets`, prefix: '/assets/', wildcard: false, decorateReply: false, ...hashed });
    }
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.header('cache-control', revalidated).sendFile('index.html'));
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const wantsPage = request.method === 'GET' && !path.startsWith('/api') && (request.headers.accept ?? '').includes('text/html');
    if (hasDashboard && wantsPage) return reply.header('cache-control', revalidated).sendFile('index.html', dashboardDist);
    return sendError(reply, new NotFoundError(`Route ${request.method} ${path}`));
  });
}, { name: 'static', dependencies: ['config'] });
