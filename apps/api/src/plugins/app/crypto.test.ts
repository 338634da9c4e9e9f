import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import { insertChannel } from '../../../test/helpers/fixtures.ts';
import { buildApp } from '../../app.ts';
import { ConfigError, loadConfig } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { agentTools, organizations } from '../../db/schema/index.ts';
import { keyIdOf } from '../../lib/crypto.ts';

let database: Database;
let dataDir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  // Its own data directory: no generated key file of another test joins the keyring.
  dataDir = await mkdtemp(path.join(tmpdir(), 'helpstack-ops-keys-'));
});
afterAll(async () => {
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
});

const start = async (env: Record<string, string>) => {
  const app = await buildApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...env }), { database, logger: false });
  await app.ready();
  return app;
};
const key = () => randomBytes(32).toString('base64');
const idOf = (base64: string) => keyIdOf(Buffer.from(base64, 'base64'));

describe('encryption keys at start-up', () => {
  test('credentials stored under a key the configuration lacks stop the start with the key id, naming the variables', async () => {
    const written = key();
    const first = await start({ ENCRYPTION_KEY: written });
    const [org] = await first.db.insert(organizations).values({ name: 'Keys' }).returning();
    await insertChannel(first.db, { organizationId: org!.id, type: 'TELEGRAM', credentials: first.crypto.encryptJson({ botToken: '1:x' }, 'ctx') });
    await first.close();

    const wrong = key();
    const failure = await start({ ENCRYPTION_KEY: wrong }).then(
      async (app) => {
        await app.close();
        return null;
      },
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(ConfigError);
    const message = (failure as Error).message;
    expect(message).toMatch(/^ENCRYPTION_KEY: /);
    expect(message).toContain(idOf(written));
    expect(message).toContain(idOf(wrong));
    expect(message).toContain('ENCRYPTION_KEYS_PREVIOUS');
    expect(message).not.toContain(written);

    // The key that wrote them, as the previous one beside a new key: the server starts.
    const rotated = await start({ ENCRYPTION_KEY: key(), ENCRYPTION_KEYS_PREVIOUS: written });
    await rotated.close();
  });

  test('agent-tool secrets under a key the configuration lacks stop the start too', async () => {
    const own = await createTestDatabase();
    const dir = await mkdtemp(path.join(tmpdir(), 'helpstack-tool-keys-'));
    const boot = async (env: Record<string, string>) => {
      const app = await buildApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dir, ...env }), { database: own, logger: false });
      await app.ready();
      return app;
    };
    try {
      const written = key();
      const first = await boot({ ENCRYPTION_KEY: written });
      const [org] = await first.db.insert(organizations).values({ name: 'Tool keys' }).returning();
      await first.db.insert(agentTools).values({
        organizationId: org!.id, name: 'lookup', description: 'x', method: 'GET', url: 'https://example.com/', parameters: { type: 'object' },
        secrets: first.crypto.encryptJson({ headers: {}, authSecret: 's' }, 'ctx'), hasSecret: true,
      });
      await first.close();
      const failure = await boot({ ENCRYPTION_KEY: key() }).then(async (app) => (await app.close(), null), (err: unknown) => err);
      expect(failure).toBeInstanceOf(ConfigError);
      expect((failure as Error).message).toContain(idOf(written));
    } finally {
      await own.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
