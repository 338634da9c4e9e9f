import path from 'node:path';
import fp from 'fastify-plugin';
import { localDiskStorage } from './local-disk.ts';
import type { Storage } from './storage.ts';

declare module 'fastify' {
  interface FastifyInstance {
    storage: Storage;
  }
}

/** `app.storage`: uploaded media on local disk under `DATA_DIR/media`. */
export default fp(async (app) => {
  app.decorate('storage', localDiskStorage(path.join(app.config.DATA_DIR, 'media')));
}, { name: 'storage', dependencies: ['config'] });
