import { createHash, randomBytes } from 'node:crypto';

/** 256 bits, URL-safe: for invitation links and anything else handed out once. */
export const newToken = () => randomBytes(32).toString('base64url');
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
