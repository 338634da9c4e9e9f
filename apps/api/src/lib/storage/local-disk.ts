import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertValidKey, StorageNotFoundError, type Storage } from './storage.ts';

const isMissing = (err: unknown) => (err as { code?: string }).code === 'ENOENT';

/** Files under `root`, one per key; writes go to a temporary name and are renamed into place when complete. */
export function localDiskStorage(root: string): Storage {
  const base = path.resolve(root);

  function fileOf(key: string) {
    assertValidKey(key);
    const file = path.resolve(base, key);
    // Belt and braces on top of the key pattern: never touch anything outside the root.
    if (!file.startsWith(base + path.sep)) throw new Error(`Storage key escapes the root: ${key}`);
    return file;
  }

  return {
    async put(key, body) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const partial = `${file}.${randomBytes(6).toString('hex')}.part`;
      const hash = createHash('sha256');
      let size = 0;
      const measure = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        await pipeline(body, measure, createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
        await rename(partial, file);
      } catch (err) {
        await unlink(partial).catch(() => {});
        throw err;
      }
      return { size, sha256: hash.digest('hex') };
    },

    async get(key) {
      try {
        const handle = await open(fileOf(key), 'r');
        return handle.createReadStream() as Readable;
      } catch (err) {
        if (isMissing(err)) throw new StorageNotFoundError(key);
        throw err;
      }
    },

    async delete(key) {
      try {
        await unlink(fileOf(key));
      } catch (err) {
        if (!isMissing(err)) throw err;
      }
    },
  };
}
