import { existsSync, readFileSync } from 'node:fs';
import { paths } from '../../paths.ts';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { NotFoundError } from '../../lib/errors.ts';
import { sendError } from '../app/error-handler.ts';

const { dashboardDist, widgetDist } = paths;

/**
 * Serves the built dashboard at / (with SPA fallback to index.html), the widget (a short-cached
 * stable loader at /widget.js, immutable hashed bundles under /widget/).
 * Unknown /api paths keep their 404 envelope; so does everything when nothing is built.
 */
export default fp(async (app) => {
  const hasDashboard = existsSync(`${dashboardDist}/index.html`);
  const hasWidget = existsSync(`${widgetDist}/widget.js`);
  if (hasWidget) {
    await app.register(fastifyStatic, {
      root: widgetDist,
      prefix: '/widget/',
      decorateReply: false,
      immutable: true,
      maxAge: '365d',
      // Any page may embed the widget; the bundle is public code.
      setHeaders: (res) => void res.header('access-control-allow-origin', '*'),
    });
    const loader = readFileSync(`${widgetDist}/widget.js`);
    app.get('/widget.js', { schema: { hide: true } }, (_req, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        // Stable URL pasted into customers' sites: short cache so a new bundle hash reaches them soon.
        .header('cache-control', 'public, max-age=300')
        .header('access-control-allow-origin', '*')
        .send(loader),
    );
  }
  if (hasDashboard) {
    await app.register(fastifyStatic, { root: dashboardDist, prefix: '/', wildcard: false, index: false });
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const wantsPage = request.method === 'GET' && !path.startsWith('/api') && (request.headers.accept ?? '').includes('text/html');
    if (hasDashboard && wantsPage) return reply.header('cache-control', 'no-cache').sendFile('index.html', dashboardDist);
    return sendError(reply, new NotFoundError(`Route ${request.method} ${path}`));
  });
}, { name: 'static', dependencies: ['config'] });

