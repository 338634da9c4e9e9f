import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { NotFoundError } from '../../lib/errors.ts';
import { sendError } from '../app/error-handler.ts';

const dashboardDist = fileURLToPath(new URL('../../../../dashboard/dist', import.meta.url));
const widgetDist = fileURLToPath(new URL('../../../../widget/dist', import.meta.url));

/**
 * Serves the built dashboard at / (with SPA fallback to index.html) and the widget bundle.
 * Unknown /api paths keep their 404 envelope; so does everything when nothing is built.
 */
export default fp(async (app) => {
  const hasDashboard = existsSync(`${dashboardDist}/index.html`);
  if (existsSync(widgetDist)) {
    await app.register(fastifyStatic, {
      root: widgetDist,
      prefix: '/widget/',
      decorateReply: false,
      immutable: true,
      maxAge: '365d',
    });
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
}, { name: 'static' });
