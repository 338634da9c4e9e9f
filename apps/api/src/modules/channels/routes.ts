import {
  channelListQuerySchema,
  checkChannelConnectionBodySchema,
  checkConnectionBodySchema,
  connectionCheckSchema,
  channelSchema,
  createChannelSchema,
  listOf,
  okEnvelope,
  updateChannelSchema,
  updateWidgetConfigSchema,
  widgetConfigSchema,
  widgetScriptSchema,
} from '@helpstack/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { ensureIdentitySecret } from './identity-secret.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { offsetOf, pageOf } from '../../lib/pagination.ts';
import { deletedSchema, idParams, ok } from '../../lib/route.ts';
import { perMinutes } from '../../plugins/external/rate-limit.ts';
import { checkConnection, isCheckable } from './connection.ts';
import * as q from './queries.ts';
import { resolveWidgetConfig, toChannel } from './serializers.ts';
import { providerOf } from './providers/index.ts';
import * as service from './service.ts';

const tags = ['channels'];

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const channelsRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.db, crypto: app.crypto, config: app.config, log: app.log, outbound: app.outbound };

  async function channelOf(request: FastifyRequest<{ Params: { id: string } }>) {
    const row = await q.findChannel(app.db, { organizationId: requireActor(request).organizationId, id: request.params.id });
    if (!row) throw new NotFoundError('Channel');
    return row;
  }

  /** Where the widget bundle is served: the configured app origin, else the origin this request came in on. */
  const originOf = (request: FastifyRequest) => app.config.APP_ORIGIN[0] ?? `${request.protocol}://${request.host}`;

  app.get('/', {
    schema: {
      tags,
      summary: 'Channels of the organization',
      description: 'Credentials appear only as their non-secret fields and `has<Secret>` flags.',
      querystring: channelListQuerySchema,
      response: { 200: okEnvelope(listOf(channelSchema)) },
    },
  }, async (request) => {
    const { rows, total } = await q.listChannels(app.db, {
      organizationId: requireActor(request).organizationId,
      type: request.query.type,
      limit: request.query.pageSize,
      offset: offsetOf(request.query),
    });
    return ok(pageOf(rows.map(toChannel), { ...request.query, total }));
  });

  app.post('/', {
    schema: {
      tags,
      summary: 'Create a channel',
      description: 'Credentials are checked against the channel type and stored encrypted (AES-256-GCM).',
      body: createChannelSchema,
      response: { 201: okEnvelope(channelSchema) },
    },
    config: { auth: 'admin' },
  }, async (request, reply) => {
    const row = await service.createChannel(deps, requireActor(request).organizationId, request.body);
    await providerOf(row.type).onSaved?.(app, row);
    return reply.code(201).send(ok(toChannel(row)));
  });

  // Each check logs in to a provider (or a mail server the admin named): bounded like the other costly calls.
  const checkLimit = perMinutes(app.config.RATE_LIMIT_FACTOR, 20);
  const checkDescription = 'Answers `{ok: true}` or `{ok: false, error}` with a readable reason; nothing is stored. '
    + 'FACEBOOK/INSTAGRAM/WHATSAPP/TELEGRAM: the token is verified with the provider; EMAIL: SMTP and IMAP are logged in to; '
    + 'mail servers pass the outbound guard (CONTRACT §8.6).';

  app.post('/check-connection', {
    schema: {
      tags,
      summary: 'Check credentials with the provider before creating a channel',
      description: `${checkDescription} Invalid credentials answer 400 as on create.`,
      body: checkConnectionBodySchema,
      response: { 200: okEnvelope(connectionCheckSchema) },
    },
    config: { auth: 'admin', rateLimit: checkLimit },
  }, async (request) => {
    const { type, credentials: raw } = request.body;
    return ok(await checkConnection(app.config, type, service.credentialsToCheck(deps, type, raw)));
  });

  app.post('/:id/check-connection', {
    schema: {
      tags,
      summary: 'Check a channel\'s connection',
      description: `${checkDescription} With \`credentials\`, unsaved edits are merged into the stored ones as PATCH merges them; `
        + 'without, the stored credentials are checked and the outcome becomes the channel\'s `status`.',
      params: idParams,
      body: checkChannelConnectionBodySchema,
      response: { 200: okEnvelope(connectionCheckSchema) },
    },
    config: { auth: 'admin', rateLimit: checkLimit },
  }, async (request) => {
    const row = await channelOf(request);
    const patch = request.body?.credentials;
    const result = await checkConnection(app.config, row.type, service.storedCredentialsToCheck(deps, row, patch) as never);
    if (!patch && isCheckable(row.type)) {
      const status = { state: result.ok ? 'OK' as const : 'ERROR' as const, error: result.ok ? null : result.error, checkedAt: new Date().toISOString() };
      await q.setConnectionStatus(app.db, { organizationId: row.organizationId, id: row.id, status });
    }
    return ok(result);
  });

  app.get('/:id', {
    schema: { tags, summary: 'Get one channel', params: idParams, response: { 200: okEnvelope(channelSchema) } },
  }, async (request) => ok(toChannel(await channelOf(request))));

  app.patch('/:id', {
    schema: {
      tags,
      summary: 'Update a channel',
      description: 'Partial `credentials` merge into the stored ones: omitted secrets are kept, `null` removes an optional field. `type` cannot change.',
      params: idParams,
      body: updateChannelSchema,
      response: { 200: okEnvelope(channelSchema) },
    },
    config: { auth: 'admin' },
  }, async (request) => {
    const row = await service.updateChannel(deps, { organizationId: requireActor(request).organizationId, id: request.params.id, body: request.body });
    if (request.body.credentials) await providerOf(row.type).onSaved?.(app, row);
    return ok(toChannel(row));
  });

  app.delete('/:id', {
    schema: {
      tags,
      summary: 'Delete a channel',
      description: 'Its conversations and their messages are deleted with it.',
      params: idParams,
      response: { 200: okEnvelope(deletedSchema) },
    },
    config: { auth: 'admin' },
  }, async (request) => {
    const deleted = await service.deleteChannel(deps, { organizationId: requireActor(request).organizationId, id: request.params.id });
    if (!deleted) throw new NotFoundError('Channel');
    return ok(deleted);
  });

  app.get('/:id/widget-script', {
    schema: {
      tags,
      summary: 'Embed snippet for a WEBSITE_CHAT channel',
      description: 'Pasting `snippet` into any HTML page loads the chat widget asynchronously for this channel. Admins also get `identitySecret`, the key of the `userHash` HMAC of `HelpStack(\'identify\')`.',
      params: idParams,
      response: { 200: okEnvelope(widgetScriptSchema) },
    },
  }, async (request) => {
    const row = await channelOf(request);
    service.assertWebsiteChat(row.type);
    const scriptUrl = `${originOf(request)}/widget.js`;
    const snippet = `<script async src="${escapeAttr(scriptUrl)}" data-channel-id="${escapeAttr(row.id)}"></script>`;
    // The identity secret signs users on the site's server: admins only (CONTRACT §12).
    if (requireActor(request).role !== 'ADMIN') return ok({ snippet, scriptUrl });
    return ok({ snippet, scriptUrl, identitySecret: await ensureIdentitySecret(app, row) });
  });

  app.get('/:id/widget-config', {
    schema: { tags, summary: 'Widget appearance of a WEBSITE_CHAT channel', params: idParams, response: { 200: okEnvelope(widgetConfigSchema) } },
  }, async (request) => {
    const row = await channelOf(request);
    service.assertWebsiteChat(row.type);
    return ok(resolveWidgetConfig(row));
  });

  app.patch('/:id/widget-config', {
    schema: {
      tags,
      summary: 'Change the widget appearance',
      description: 'Given fields replace the stored ones; `null` resets `language` to the channel default and removes `businessHours`.',
      params: idParams,
      body: updateWidgetConfigSchema,
      response: { 200: okEnvelope(widgetConfigSchema) },
    },
    config: { auth: 'admin' },
  }, async (request) => {
    const row = await service.updateWidgetConfig(deps, { organizationId: requireActor(request).organizationId, id: request.params.id, body: request.body });
    return ok(resolveWidgetConfig(row));
  });
};

export default channelsRoutes;
