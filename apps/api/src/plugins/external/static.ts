import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { NotFoundError } from '../../lib/errors.ts';
import { sendError } from '../app/error-handler.ts';

const dashboardDist = fileURLToPath(new URL('../../../../dashboard/dist', import.meta.url));
const widgetDist = fileURLToPath(new URL('../../../../widget/dist', import.meta.url));
const widgetDemo = fileURLToPath(new URL('../../../../widget/demo/index.html', import.meta.url));

/**
 * Serves the built dashboard at / (with SPA fallback to index.html), the widget (a short-cached
 * stable loader at /widget.js, immutable hashed bundles under /widget/) and the widget demo page.
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
  if (existsSync(widgetDemo)) {
    app.get('/demo/widget', {
      schema: { hide: true, querystring: z.object({ channelId: z.string().max(100).optional() }) },
    }, async (request, reply) => {
      const channelId = (request.query as { channelId?: string }).channelId ?? (await app.demoChannelId?.());
      const origin = app.config.APP_ORIGIN[0] ?? `${request.protocol}://${request.host}`;
      const snippet = channelId && hasWidget
        ? `<script async src="${origin}/widget.js" data-channel-id="${encodeURIComponent(channelId)}"></script>`
        : '<!-- no WEBSITE_CHAT channel yet: create one in the dashboard, or pass ?channelId= -->';
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(readFileSync(widgetDemo, 'utf8').replace('{{SNIPPET}}', snippet));
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
}, { name: 'static', dependencies: ['config'] });

declare module 'fastify' {
  interface FastifyInstance {
    /** The demo organization's WEBSITE_CHAT channel, for /demo/widget; set by the demo seed. */
    demoChannelId?: () => Promise<string | undefined>;
  }
}
