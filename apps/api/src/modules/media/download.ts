import type { FastifyReply } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { StorageNotFoundError, type Storage } from '../../lib/storage/storage.ts';

/** `Content-Disposition` for a download: an ASCII fallback plus the exact name in RFC 5987 form. */
export function attachmentDisposition(name: string) {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Text is stored as UTF-8; say so, so the browser never guesses. */
export const contentTypeOf = (mimeType: string) => (mimeType.startsWith('text/') ? `${mimeType}; charset=utf-8` : mimeType);

export interface StoredFile {
  path: string;
  name: string;
  mimeType: string;
  size: number;
}

/**
 * Sends a stored upload as an attachment, the one way both media routes do it. The file may be
 * anything a customer sent, so even if a browser were talked into rendering it, it runs no script and
 * loads nothing. `embeddable`: the widget shows its files on the customer's site (another origin).
 */
export async function sendStoredFile(reply: FastifyReply, storage: Storage, file: StoredFile, opts: { what: string; embeddable?: boolean }) {
  let stream;
  try {
    stream = await storage.get(file.path);
  } catch (err) {
    if (err instanceof StorageNotFoundError) throw new NotFoundError(opts.what);
    throw err;
  }
  // A stream bypasses the response schema (it describes the metadata envelope).
  return reply
    .header('content-type', contentTypeOf(file.mimeType))
    .header('content-length', file.size)
    .header('content-disposition', attachmentDisposition(file.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cross-origin-resource-policy', opts.embeddable ? 'cross-origin' : 'same-origin')
    .header('cache-control', 'private, max-age=3600')
    .send(stream as never);
}
