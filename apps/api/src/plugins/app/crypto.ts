import path from 'node:path';
import { sql } from 'drizzle-orm';
import fp from 'fastify-plugin';
import { ConfigError } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { KEY_FILE, createKeyring, decodeKey, keyIdOf, loadOrCreateKeyFile, readKeyFile, type Keyring } from '../../lib/crypto.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Encryption of secrets at rest; `context` (e.g. the owning row's id) must match on decrypt. */
    crypto: Pick<Keyring, 'encryptJson' | 'decryptJson' | 'currentKeyId'>;
  }
}

/**
 * The key ids the stored envelopes name (`v1.<keyId>.…`, lib/crypto.ts): channel credentials and AI
 * provider keys, agent-tool secrets, notification integration secrets, the VAPID key, widget identity secrets; a new encrypted column joins this union.
 */
async function storedKeyIds(db: Db): Promise<string[]> {
  const result = (await db.execute(sql`
    select distinct split_part(credentials, '.', 2) as "keyId" from channels where credentials like 'v1.%'
    union
    select distinct split_part(api_key, '.', 2) from ai_providers where api_key like 'v1.%'
    union
    select distinct split_part(secrets, '.', 2) from agent_tools where secrets like 'v1.%'
    union
    select distinct split_part(secrets, '.', 2) from notification_integrations where secrets like 'v1.%'
    union
    select distinct split_part(value, '.', 2) from installation_secrets where value like 'v1.%'
    union
    select distinct split_part(identity_secret, '.', 2) from channels where identity_secret like 'v1.%'
  `)) as unknown as { rows: { keyId: string }[] };
  return result.rows.map((r) => r.keyId);
}

/**
 * A valid key that is not the one the stored secrets were written with would otherwise surface later,
 * as failures on every channel. Refuse to start instead, naming the ids of the keys that are missing.
 */
async function checkStoredKeys(db: Db, keyring: Keyring) {
  const missing = (await storedKeyIds(db)).filter((id) => !keyring.keyIds.includes(id));
  if (missing.length === 0) return;
  throw new ConfigError(
    `ENCRYPTION_KEY: stored channel credentials were encrypted with key id ${missing.join(', ')}, which this configuration lacks ` +
      `(ENCRYPTION_KEY is key id ${keyring.currentKeyId}${keyring.keyIds.length > 1 ? `; ENCRYPTION_KEYS_PREVIOUS and the generated key add ${keyring.keyIds.slice(1).join(', ')}` : ''}). ` +
      'Set ENCRYPTION_KEY to the key that wrote them, or add it to ENCRYPTION_KEYS_PREVIOUS.',
  );
}

/**
 * The keyring: `ENCRYPTION_KEY`, or a key generated once into `DATA_DIR`, plus `ENCRYPTION_KEYS_PREVIOUS`.
 * When an explicit key replaces a generated one, the generated file's key stays readable, so values
 * written before the switch still decrypt without extra configuration.
 */
export default fp(async (app) => {
  const { ENCRYPTION_KEY, ENCRYPTION_KEYS_PREVIOUS, DATA_DIR } = app.config;
  const previous = ENCRYPTION_KEYS_PREVIOUS.map(decodeKey);
  let current: Buffer;
  if (ENCRYPTION_KEY) {
    current = decodeKey(ENCRYPTION_KEY);
    const generated = await readKeyFile(path.resolve(DATA_DIR, KEY_FILE)).catch((err: Error) => {
      app.log.warn({ reason: err.message }, 'ignoring an unreadable generated encryption key file');
      return null;
    });
    if (generated) previous.push(generated);
  } else {
    const { key, created, file } = await loadOrCreateKeyFile(DATA_DIR);
    current = key;
    if (created) app.log.info({ file }, 'generated an encryption key; back it up with the data directory, or set ENCRYPTION_KEY');
  }
  const keyring = createKeyring({ current, previous });
  await checkStoredKeys(app.db, keyring);
  app.log.debug({ keyId: keyIdOf(current), previousKeys: previous.length }, 'encryption keyring ready');
  app.decorate('crypto', {
    currentKeyId: keyring.currentKeyId,
    encryptJson: keyring.encryptJson,
    decryptJson: keyring.decryptJson,
  });
}, { name: 'crypto', dependencies: ['config', 'db'] });
