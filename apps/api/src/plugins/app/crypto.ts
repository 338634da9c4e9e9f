import path from 'node:path';
import fp from 'fastify-plugin';
import { KEY_FILE, createKeyring, decodeKey, keyIdOf, loadOrCreateKeyFile, readKeyFile, type Keyring } from '../../lib/crypto.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Encryption of secrets at rest; `context` (e.g. the owning row's id) must match on decrypt. */
    crypto: Pick<Keyring, 'encryptJson' | 'decryptJson' | 'currentKeyId'>;
  }
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
  app.log.debug({ keyId: keyIdOf(current), previousKeys: previous.length }, 'encryption keyring ready');
  app.decorate('crypto', {
    currentKeyId: keyring.currentKeyId,
    encryptJson: keyring.encryptJson,
    decryptJson: keyring.decryptJson,
  });
}, { name: 'crypto', dependencies: ['config'] });
