import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { storeUpload } from '../media/service.ts';

/** Visitors may upload less than agents: the widget is public. */
export const VISITOR_UPLOAD_MAX = 5 * 1024 * 1024;

export const visitorUploadLimit = (mediaMaxBytes: number) => Math.min(VISITOR_UPLOAD_MAX, mediaMaxBytes);

/** A visitor's upload goes through the same sniffing, allow-list and storage as an agent's. */
export async function toMediaUpload(app: FastifyInstance, params: { organizationId: string; visitorId: string; part: MultipartFile }) {
  const row = await storeUpload(
    { db: app.db, storage: app.storage, maxBytes: visitorUploadLimit(app.config.MEDIA_MAX_BYTES) },
    { organizationId: params.organizationId, visitorId: params.visitorId, part: params.part },
  );
  return { id: row.id, path: row.path, name: row.name, mimeType: row.mimeType, size: row.size };
}
