import multipart from '@fastify/multipart';
import { mediaQuerySchema, mediaSchema, okEnvelope } from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../lib/actor.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { deletedSchema, idParams, ok } from '../../lib/route.ts';
import storagePlugin from '../../lib/storage/plugin.ts';
import { sendStoredFile } from './download.ts';
import { readPublicMediaToken } from './public-link.ts';
import { findMedia } from './queries.ts';
import { toMedia } from './serializers.ts';
import { removeMedia, storeUpload } from './service.ts';

const tags = ['media'];

const mediaRoutes: FastifyPluginAsyncZod = async (app) => {
  // Multipart is parsed here only: every other route keeps refusing it with 415.
  await app.register(multipart, {
    limits: { fileSize: app.config.MEDIA_MAX_BYTES, files: 1, fields: 10, fieldSize: 1024, parts: 12, headerPairs: 100 },
  });
  // Normally registered once at the root (so the widget can store uploads too); standalone otherwise.
  if (!app.hasDecorator('storage')) await app.register(storagePlugin);
  const deps = { db: app.db, storage: app.storage, maxBytes: app.config.MEDIA_MAX_BYTES, log: app.log };

  app.post('/upload', {
    schema: {
      tags,
      summary: 'Upload a file (multipart/form-data, field "file"); its type is read from its bytes',
      consumes: ['multipart/form-data'],
      response: { 201: okEnvelope(mediaSchema) },
    },
  }, async (request, reply) => {
    const { organizationId, userId } = requireActor(request);
    const part = await request.file();
    if (!part) throw ValidationError.field('file', 'Send the file in the multipart field "file"');
    if (part.fieldname !== 'file') {
      part.file.resume();
      throw ValidationError.field('file', 'Send the file in the multipart field "file"');
    }
    const row = await storeUpload(deps, { organizationId, uploadedById: userId, part });
    return reply.code(201).send(ok(toMedia(row)));
  });

  app.get('/:id', {
    schema: {
      tags,
      summary: 'The media\'s metadata, or with ?download=1 its bytes',
      params: idParams,
      querystring: mediaQuerySchema,
      response: { 200: okEnvelope(mediaSchema) },
    },
  }, async (request, reply) => {
    const row = await findMedia(app.db, { organizationId: requireActor(request).organizationId, id: request.params.id });
    if (!row) throw new NotFoundError('Media');
    if (!request.query.download) return ok(toMedia(row));

    return sendStoredFile(reply, app.storage, row, { what: 'Media' });
  });

  app.get('/public', {
    schema: { tags, summary: 'A file by its signed, expiring public link (handed to Meta/Telegram for attachments); no session', querystring: z.object({ token: z.string().min(1).max(2048) }) },
    config: { auth: 'public' },
  }, async (request, reply) => {
    const named = readPublicMediaToken(app, request.query.token);
    const row = named ? await findMedia(app.db, { organizationId: named.organizationId, id: named.mediaId }) : undefined;
    if (!row) throw new NotFoundError('Media');
    return sendStoredFile(reply, app.storage, row, { what: 'Media', embeddable: true });
  });

  app.delete('/:id', {
    schema: { tags, summary: 'Delete the media and its file', params: idParams, response: { 200: okEnvelope(deletedSchema) } },
  }, async (request) => {
    const row = await removeMedia(deps, { organizationId: requireActor(request).organizationId, id: request.params.id });
    if (!row) throw new NotFoundError('Media');
    return ok({ id: row.id });
  });
};

export default mediaRoutes;
