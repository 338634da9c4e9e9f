import { Readable } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/schema/columns.ts';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../../lib/errors.ts';
import type { Storage } from '../../lib/storage/storage.ts';
import { deleteMedia, insertMedia, type MediaRow } from './queries.ts';
import { isText, SNIFF_BYTES, sniff } from './sniff.ts';

class TooLarge extends Error {}
class NotText extends Error {}

const isTooLarge = (err: unknown) => err instanceof TooLarge || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE';

/**
 * Stores one uploaded file: decides its type from the first bytes (refusing what is not allowed before
 * anything is written), streams it to storage, and records it. Over the size limit, or text that turns
 * out not to be text, nothing is kept.
 */
export interface MediaDeps {
  db: Db;
  storage: Storage;
  /** MEDIA_MAX_BYTES: the multipart limit that truncates the part; here only for the message. */
  maxBytes: number;
}

export async function storeUpload(deps: MediaDeps, params: {
  organizationId: string;
  uploadedById?: string | null;
  visitorId?: string | null;
  part: MultipartFile;
}): Promise<MediaRow> {
  const { part, organizationId } = params;
  const tooLarge = () => new PayloadTooLargeError(`The file is larger than the ${deps.maxBytes} bytes allowed`);
  const stream = part.file;
  const chunks = stream[Symbol.asyncIterator]();

  const headChunks: Buffer[] = [];
  let headSize = 0;
  let complete = false;
  while (headSize < SNIFF_BYTES) {
    const next = await chunks.next();
    if (next.done) {
      complete = true;
      break;
    }
    headChunks.push(next.value);
    headSize += next.value.length;
  }
  if (stream.truncated) throw tooLarge();
  const head = Buffer.concat(headChunks);
  if (complete && head.length === 0) throw ValidationError.field('file', 'The file is empty');

  const type = await sniff(head, complete, part.filename);
  if (!type) {
    stream.resume();
    throw new UnsupportedMediaTypeError('This type of file is not allowed: send an image, audio, video, PDF, office document, or plain text');
  }

  const text = type.text;
  async function* body() {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    // The head was checked already; feeding it again primes the decoder with a character it may have cut.
    if (text) isText(head, decoder, complete);
    yield head;
    for (;;) {
      const next = await chunks.next();
      if (next.done) break;
      if (text && !isText(next.value, decoder, false)) throw new NotText();
      yield next.value as Buffer;
    }
    // busboy ends a file at the limit without an error: the flag is the only sign.
    if (stream.truncated) throw new TooLarge();
    if (text && !isText(Buffer.alloc(0), decoder, true)) throw new NotText();
  }

  const id = newId();
  const key = `${organizationId}/${id}`;
  let stored: { size: number; sha256: string };
  try {
    stored = await deps.storage.put(key, Readable.from(body(), { objectMode: false }));
  } catch (err) {
    if (isTooLarge(err)) throw tooLarge();
    if (err instanceof NotText) throw new UnsupportedMediaTypeError('The file is not valid UTF-8 text');
    throw err;
  }
  try {
    return await insertMedia(deps.db, {
      id,
      organizationId,
      path: key,
      name: type.name,
      mimeType: type.mimeType,
      size: stored.size,
      sha256: stored.sha256,
      uploadedById: params.uploadedById ?? null,
      visitorId: params.visitorId ?? null,
    });
  } catch (err) {
    await deps.storage.delete(key).catch(() => {});
    throw err;
  }
}

/** Removes the record, then the bytes. */
export async function removeMedia(deps: { db: Db; storage: Storage; log: FastifyBaseLogger }, params: { organizationId: string; id: string }) {
  const row = await deleteMedia(deps.db, params);
  if (!row) return null;
  // The record is gone, so the file is unreachable either way; a failure here is only left-over bytes.
  await deps.storage.delete(row.path).catch((err) => deps.log.error({ err, path: row.path }, 'deleting a stored file failed'));
  return row;
}
