import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { storeUpload } from '../media/service.ts';

/** A visitor's upload goes through the same sniffing, allow-list and storage as an agent's. */
export async function toMediaUpload(app: FastifyInstance, params: { organizationId: string; visitorId: string; part: MultipartFile }) {
  const row = await storeUpload(
    { db: app.db, storage: app.storage, maxBytes: Math.min(5 * 1024 * 1024, app.config.MEDIA_MAX_BYTES) },
    { organizationId: params.organizationId, visitorId: params.visitorId, part: params.part },
  );
  return { id: row.id, path: row.path, name: row.name, mimeType: row.mimeType, size: row.size };
}
