import { createHmac, timingSafeEqual } from 'node:crypto';

/** `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>` checked against any of `secrets`, in constant time. */
export function verifyHubSignature(raw: Buffer, header: string | undefined, secrets: string[]): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!.toLowerCase(), 'hex');
  return secrets.some((secret) => {
    const expected = createHmac('sha256', secret).update(raw).digest();
    return timingSafeEqual(expected, given);
  });
}
