import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { paths } from '../../paths.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findDemoChannelId } from './seed.ts';

const demoPage = paths.widgetDemo;
const widgetBuilt = path.join(paths.widgetDist, 'widget.js');

/**
 * GET /demo/widget: a sample customer website with the chat snippet of a channel (`?channelId=`, or
 * the demo organization's), so the widget can be tried right after `pnpm start`.
 */
const demoRoutes: FastifyPluginAsyncZod = async (app) => {
  if (!existsSync(demoPage)) return;
  const template = readFileSync(demoPage, 'utf8');
  app.get('/demo/widget', {
    schema: { hide: true, querystring: z.object({ channelId: z.string().max(100).optional() }) },
    config: { auth: 'public' },
  }, async (request, reply) => {
    const channelId = request.query.channelId ?? (await findDemoChannelId(app));
    const origin = app.config.APP_ORIGIN[0] ?? `${request.protocol}://${request.host}`;
    const snippet = channelId && existsSync(widgetBuilt)
      ? `<script async src="${origin}/widget.js" data-channel-id="${encodeURIComponent(channelId)}"></script>`
      : '<!-- no website chat channel yet (or the widget is not built): create one in the dashboard, or pass ?channelId= -->';
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(template.replace('{{SNIPPET}}', snippet));
  });
};

export default demoRoutes;
