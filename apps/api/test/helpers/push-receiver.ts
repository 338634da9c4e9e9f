import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify, type ECDH } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A browser's side of a Web Push subscription: its P-256 key pair and auth secret. */
export interface PushSubscriber {
  ecdh: ECDH;
  auth: Buffer;
  publicKey: Buffer;
  keys: { p256dh: string; auth: string };
}

export function newPushSubscriber(): PushSubscriber {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  const publicKey = ecdh.getPublicKey();
  return { ecdh, auth, publicKey, keys: { p256dh: publicKey.toString('base64url'), auth: auth.toString('base64url') } };
}

/** RFC 8291 (RFC 8188 aes128gcm) decryption, as a browser does it; throws when it does not decrypt. */
export function decryptPush(body: Buffer, sub: PushSubscriber): string {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20]!;
  const asPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  const secret = sub.ecdh.computeSecret(asPublic);
  const ikm = Buffer.from(hkdfSync('sha256', secret, sub.auth, Buffer.concat([Buffer.from('WebPush: info\0'), sub.publicKey, asPublic]), 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonceBase = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const out: Buffer[] = [];
  for (let off = 0, seq = 0; off < ciphertext.length; off += rs, seq++) {
    const rec = ciphertext.subarray(off, Math.min(off + rs, ciphertext.length));
    const nonce = Buffer.from(nonceBase);
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(rec.subarray(rec.length - 16));
    const plain = Buffer.concat([decipher.update(rec.subarray(0, rec.length - 16)), decipher.final()]);
    let end = plain.length - 1;
    while (end >= 0 && plain[end] === 0) end--;
    out.push(plain.subarray(0, end));
  }
  return Buffer.concat(out).toString('utf8');
}

/** Checks `Authorization: vapid t=<ES256 JWT>, k=<key>` (RFC 8292): signature, key, audience, expiry. */
export function verifyVapid(authorization: string | undefined, opts: { publicKey: string; audience: string }): { ok: true; claims: Record<string, unknown> } | { ok: false; error: string } {
  const m = /^vapid\s+t=([^,]+),\s*k=(.+)$/i.exec(String(authorization ?? '').trim());
  if (!m) return { ok: false, error: 'not a vapid Authorization header' };
  const [, token, k] = m as unknown as [string, string, string];
  if (k !== opts.publicKey) return { ok: false, error: 'k is not the server key' };
  const [h, c, s] = token.split('.') as [string, string, string];
  const point = Buffer.from(k, 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') }, format: 'jwk' });
  if (!verify('sha256', Buffer.from(`${h}.${c}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'))) return { ok: false, error: 'bad signature' };
  const claims = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as Record<string, unknown>;
  if (claims.aud !== opts.audience) return { ok: false, error: `aud ${String(claims.aud)}` };
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) return { ok: false, error: 'expired' };
  return { ok: true, claims };
}

export interface Hit {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  at: number;
}

/**
 * One local HTTP receiver for pushes and integration deliveries on 127.0.0.1:0: records every request;
 * `/gone/…` answers 410, `/status/<code>/…` that code, `/slow/<ms>/…` 200 after that long, anything else 201.
 */
export async function startReceiver() {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      hits.push({ path, headers: req.headers, body: Buffer.concat(chunks), at: Date.now() });
      const [, first, second] = path.split('/');
      if (first === 'gone') return void res.writeHead(410).end();
      if (first === 'status') return void res.writeHead(Number(second)).end('refused');
      if (first === 'slow') return void setTimeout(() => res.writeHead(200).end('late'), Number(second)).unref();
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    hits,
    to: (prefix: string) => hits.filter((h) => h.path.startsWith(prefix)),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
