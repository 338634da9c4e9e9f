import { Readable } from 'node:stream';
import type { Db } from '../../db/client.ts';
import type { MessageAttachment } from '../../db/schema/index.ts';
import { newId } from '../../db/schema/columns.ts';
import type { Storage } from '../../lib/storage/storage.ts';
import { insertMedia } from './queries.ts';
import { sniff } from './sniff.ts';

/**
 * Stores a file a provider sent us (a customer's photo, document…) as media of the organization, typed by
 * its bytes like an upload. Null when the type is not one the app keeps: the message still lands, without it.
 */
export async function storeProviderFile(
  deps: { db: Db; storage: Storage },
  params: { organizationId: string; bytes: Buffer; name: string },
): Promise<MessageAttachment | null> {
  if (params.bytes.length === 0) return null;
  const type = await sniff(params.bytes, true, params.name);
  if (!type) return null;
  const id = newId();
  const key = `${params.organizationId}/${id}`;
  const stored = await deps.storage.put(key, Readable.from([params.bytes]));
  const row = await insertMedia(deps.db, {
    id, organizationId: params.organizationId, path: key, name: type.name, mimeType: type.mimeType,
    size: stored.size, sha256: stored.sha256, uploadedById: null, visitorId: null,
  });
  return { id: row.id, name: row.name, mimeType: row.mimeType, size: row.size };
}
