import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * AES-256-GCM envelopes for secrets at rest (channel credentials, provider keys, tool secrets).
 *
 * Format: `v1.<keyId>.<iv>.<tag>.<ciphertext>`, each part base64url. The key id travels with the
 * ciphertext so keys can rotate: a keyring decrypts with whichever key wrote the value and always
 * encrypts with the current one. The header and an optional caller context (e.g. the owning row's id)
 * are authenticated as AAD, so a value copied onto another row fails to decrypt.
 */

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class CryptoError extends Error {}

export interface Keyring {
  /** Id of the key new values are encrypted with. */
  currentKeyId: string;
  /** Every key id this keyring decrypts: the current one first. */
  keyIds: string[];
  encrypt(plaintext: Buffer, context?: string): string;
  decrypt(envelope: string, context?: string): Buffer;
  encryptJson(value: unknown, context?: string): string;
  decryptJson<T = unknown>(envelope: string, context?: string): T;
}

/** A stable, non-reversible id for a key: lets a stored value name its key without revealing it. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('helpstack-key-id\0').update(key).digest().subarray(0, 8).toString('base64url');
}

export function decodeKey(base64: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new CryptoError(`An encryption key must be ${KEY_BYTES} bytes, base64-encoded`);
  return key;
}

const aadOf = (keyId: string, context: string | undefined) => Buffer.from(`${VERSION}.${keyId}\0${context ?? ''}`, 'utf8');

export function createKeyring(opts: { current: Buffer; previous?: Buffer[] }): Keyring {
  const keys = new Map<string, Buffer>();
  for (const key of [opts.current, ...(opts.previous ?? [])]) {
    if (key.length !== KEY_BYTES) throw new CryptoError(`An encryption key must be ${KEY_BYTES} bytes`);
    const id = keyIdOf(key);
    if (!keys.has(id)) keys.set(id, key);
  }
  const currentKeyId = keyIdOf(opts.current);

  function encrypt(plaintext: Buffer, context?: string) {
    // A fresh random 96-bit nonce per value: GCM is only safe if a (key, nonce) pair never repeats.
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', opts.current, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aadOf(currentKeyId, context));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, currentKeyId, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  function decrypt(envelope: string, context?: string) {
    const parts = envelope.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new CryptoError('Not an encrypted value of a known format');
    const [, keyId, ivPart, tagPart, ctPart] = parts as [string, string, string, string, string];
    const key = keys.get(keyId);
    if (!key) throw new CryptoError(`Encrypted with key ${keyId}, which is not in the keyring (set it in ENCRYPTION_KEYS_PREVIOUS)`);
    const iv = Buffer.from(ivPart, 'base64url');
    const tag = Buffer.from(tagPart, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new CryptoError('Not an encrypted value of a known format');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aadOf(keyId, context));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(ctPart, 'base64url')), decipher.final()]);
    } catch {
      throw new CryptoError('Encrypted value failed authentication (tampered, or stored under another context)');
    }
  }

  return {
    currentKeyId,
    keyIds: [...keys.keys()],
    encrypt,
    decrypt,
    encryptJson: (value, context) => encrypt(Buffer.from(JSON.stringify(value), 'utf8'), context),
    decryptJson: <T>(envelope: string, context?: string) => JSON.parse(decrypt(envelope, context).toString('utf8')) as T,
  };
}

export const KEY_FILE = 'encryption.key';

/**
 * The key kept in `<dataDir>/encryption.key`, generated on first use (mode 0600). Creation is atomic —
 * written to a temporary file, then hard-linked into place — so instances starting together on one
 * data directory all end up with the same key, never a half-written one.
 */
export async function loadOrCreateKeyFile(dataDir: string): Promise<{ key: Buffer; created: boolean; file: string }> {
  const file = path.resolve(dataDir, KEY_FILE);
  const existing = await readKeyFile(file);
  if (existing) return { key: existing, created: false, file };

  await mkdir(path.dirname(file), { recursive: true });
  const key = randomBytes(KEY_BYTES);
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(tmp, file);
    return { key, created: true, file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const winner = await readKeyFile(file);
    if (!winner) throw new CryptoError(`${file} exists but holds no key`);
    return { key: winner, created: false, file };
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

/** The key in `file`, or null when there is no such file. */
export async function readKeyFile(file: string): Promise<Buffer | null> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    return decodeKey(content);
  } catch {
    throw new CryptoError(`${file} does not hold a ${KEY_BYTES}-byte base64 key`);
  }
}
