import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CryptoError, KEY_FILE, createKeyring, keyIdOf, loadOrCreateKeyFile } from './crypto.ts';

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'helpstack-crypto-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const secret = { host: 'smtp.example.com', password: 'p4ss-word-very-secret' };

describe('keyring', () => {
  test('round-trips JSON and never leaves the plaintext in the envelope', () => {
    const ring = createKeyring({ current: randomBytes(32) });
    const envelope = ring.encryptJson(secret);
    expect(envelope).toMatch(/^v1\.[\w-]{11}\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(envelope).not.toContain('p4ss');
    expect(Buffer.from(envelope.split('.')[4]!, 'base64url').toString('latin1')).not.toContain('p4ss');
    expect(ring.decryptJson(envelope)).toEqual(secret);
  });

  test('the same value encrypts differently every time (random nonce)', () => {
    const ring = createKeyring({ current: randomBytes(32) });
    const a = ring.encryptJson(secret);
    const b = ring.encryptJson(secret);
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
    expect(ring.decryptJson(a)).toEqual(ring.decryptJson(b));
  });

  test('a tampered ciphertext, tag or header fails authentication', () => {
    const ring = createKeyring({ current: randomBytes(32) });
    const parts = ring.encryptJson(secret).split('.');
    const flip = (s: string) => {
      const buf = Buffer.from(s, 'base64url');
      buf[0] = buf[0]! ^ 1;
      return buf.toString('base64url');
    };
    for (const i of [2, 3, 4]) {
      const bad = parts.map((p, j) => (j === i ? flip(p) : p)).join('.');
      expect(() => ring.decrypt(bad)).toThrow(CryptoError);
    }
    expect(() => ring.decrypt('not-an-envelope')).toThrow(CryptoError);
    expect(() => ring.decrypt(['v2', ...parts.slice(1)].join('.'))).toThrow(CryptoError);
  });

  test('a value bound to one context does not decrypt under another', () => {
    const ring = createKeyring({ current: randomBytes(32) });
    const envelope = ring.encryptJson(secret, 'channels.credentials:a');
    expect(ring.decryptJson(envelope, 'channels.credentials:a')).toEqual(secret);
    expect(() => ring.decryptJson(envelope, 'channels.credentials:b')).toThrow(CryptoError);
    expect(() => ring.decryptJson(envelope)).toThrow(CryptoError);
  });

  test('rotation: values of a previous key still decrypt; new values use the current key id', () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = createKeyring({ current: oldKey }).encryptJson(secret, 'ctx');
    expect(before.split('.')[1]).toBe(keyIdOf(oldKey));

    const rotated = createKeyring({ current: newKey, previous: [oldKey] });
    expect(rotated.decryptJson(before, 'ctx')).toEqual(secret);
    const after = rotated.encryptJson(rotated.decryptJson(before, 'ctx'), 'ctx');
    expect(after.split('.')[1]).toBe(keyIdOf(newKey));
    expect(rotated.currentKeyId).toBe(keyIdOf(newKey));

    // Without the old key in the ring the old value is unreadable, and the error says which key is missing.
    const forgotten = createKeyring({ current: newKey });
    expect(() => forgotten.decryptJson(before, 'ctx')).toThrow(new RegExp(keyIdOf(oldKey)));
    expect(forgotten.decryptJson(after, 'ctx')).toEqual(secret);
  });

  test('keys must be 32 bytes', () => {
    expect(() => createKeyring({ current: randomBytes(16) })).toThrow(CryptoError);
    expect(() => createKeyring({ current: randomBytes(32), previous: [randomBytes(31)] })).toThrow(CryptoError);
  });

  test('the key id does not reveal the key', () => {
    const key = randomBytes(32);
    expect(keyIdOf(key)).toBe(keyIdOf(Buffer.from(key)));
    expect(key.toString('base64url')).not.toContain(keyIdOf(key));
    expect(keyIdOf(randomBytes(32))).not.toBe(keyIdOf(key));
  });
});

describe('generated key file', () => {
  test('is created once with mode 0600 and reused afterwards', async () => {
    const dir = path.join(await tempDir(), 'nested', 'data');
    const first = await loadOrCreateKeyFile(dir);
    expect(first.created).toBe(true);
    expect(first.file).toBe(path.join(dir, KEY_FILE));
    expect((await stat(first.file)).mode & 0o777).toBe(0o600);
    expect(Buffer.from(await readFile(first.file, 'utf8'), 'base64')).toEqual(first.key);

    const second = await loadOrCreateKeyFile(dir);
    expect(second.created).toBe(false);
    expect(second.key).toEqual(first.key);
  });

  test('instances starting together agree on one key', async () => {
    const dir = await tempDir();
    const results = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateKeyFile(dir)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    for (const r of results) expect(r.key).toEqual(results[0]!.key);
  });

  test('a key file that does not hold a 32-byte key is refused, not overwritten', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, KEY_FILE), 'too-short\n');
    await expect(loadOrCreateKeyFile(dir)).rejects.toThrow(/does not hold a 32-byte base64 key/);
    expect(await readFile(path.join(dir, KEY_FILE), 'utf8')).toBe('too-short\n');
  });
});
