import { isIP } from 'node:net';
import { z } from 'zod';
import { parseAllowList, type AllowList } from './lib/outbound/allow-list.ts';

/** An http(s) base URL; a trailing slash is dropped so paths can be appended with `/`. */
const baseUrl = (fallback: string) => z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .default(fallback)
  .transform((s) => s.replace(/\/+$/, ''));

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const HOPS = /^\d{1,2}$/;

/** An address, or an address/prefix CIDR, that proxy-addr accepts. */
const isAddressOrCidr = (entry: string) => {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};

/** Environment of CONTRACT §7. Unset optional values stay undefined; '' counts as unset. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  ENCRYPTION_KEY: z
    .string()
    .refine((s) => Buffer.from(s, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .optional(),
  /** Retired keys (comma-separated, base64) still accepted for decryption after a rotation. */
  ENCRYPTION_KEYS_PREVIOUS: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').map((k) => k.trim()).filter(Boolean) : []))
    .refine((keys) => keys.every((k) => Buffer.from(k, 'base64').length === 32), 'each key must be 32 bytes, base64-encoded'),
  APP_ORIGIN: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean) : [])),
  /**
   * Which reverse proxies' X-Forwarded-* headers are believed: a hop count, or proxy addresses/CIDRs
   * (Fastify's `trustProxy`). Unset trusts none, so a spoofed header can never reset a per-IP limit.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').map((e) => e.trim()).filter(Boolean) : []))
    .refine(
      (entries) => (entries.length === 1 && HOPS.test(entries[0]!)) || entries.every(isAddressOrCidr),
      'must be a hop count (1) or comma-separated proxy addresses/CIDRs (127.0.0.1,10.0.0.0/8)',
    )
    .transform((entries): false | number | string[] => {
      if (entries.length === 1 && HOPS.test(entries[0]!)) return Number(entries[0]) || false;
      return entries.length ? entries : false;
    }),
  /** The origin the outside world reaches this server at: Telegram's webhook URL, public media links for Meta. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .optional()
    .transform((s) => s?.replace(/\/+$/, '')),
  /** System mail (invitations, password reset, notification e-mails); unset → those e-mails are logged, not sent. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** The From address of system mail. */
  SMTP_FROM: z.string().min(3).default('HelpStack <no-reply@localhost>'),
  /**
   * Web Push (VAPID, RFC 8292) key pair, base64url as web-push prints them; both or neither. Unset → a pair
   * is generated once and kept (encrypted) in the database, shared by every instance.
   */
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{80,90}$/, 'must be a base64url P-256 public key (65 bytes)').optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{40,45}$/, 'must be a base64url P-256 private key (32 bytes)').optional(),
  /** The VAPID `sub` claim push services may contact: `mailto:` or `https:`; default from SMTP_FROM. */
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, 'must start with mailto: or https://').optional(),
  META_VERIFY_TOKEN: z.string().optional(),
  META_APP_SECRET: z.string().optional(),
  META_GRAPH_URL: baseUrl('https://graph.facebook.com/v21.0'),
  TELEGRAM_API_URL: baseUrl('https://api.telegram.org'),
  /** Exceptions to the outbound-URL guard (CONTRACT §8.6): `host:port` or CIDR entries, comma-separated. */
  OUTBOUND_ALLOW: z
    .string()
    .optional()
    .transform((s, ctx): AllowList => {
      try {
        return parseAllowList(s);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `${(err as Error).message} (expected e.g. 127.0.0.1:11434,10.0.0.0/8)` });
        return z.NEVER;
      }
    }),
  SIGNUP_TOKENS: z.coerce.number().int().min(0).default(10000),
  MEDIA_MAX_BYTES: z.coerce.number().int().min(1).default(10 * 1024 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: bool.default(true),
  BENCH_MODE: bool,
  /** Multiplies every rate limit; tests raise it so that hundreds of logins from one IP are not refused. */
  RATE_LIMIT_FACTOR: z.coerce.number().positive().default(1),
});

export type Config = z.infer<typeof configSchema>;

/**
 * TRUST_PROXY as Fastify's `trustProxy`. Fastify refuses a bare hop count (it cannot tell the proxy
 * from a direct client), so the count becomes a function: the operator who sets it vouches that
 * clients reach the server only through those proxies.
 */
export function trustProxyOption(value: Config['TRUST_PROXY']) {
  return typeof value === 'number' ? (_address: string, hop: number) => hop < value : value;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (Boolean(parsed.data.VAPID_PUBLIC_KEY) !== Boolean(parsed.data.VAPID_PRIVATE_KEY)) {
    throw new ConfigError('Invalid configuration:\n  VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: set both or neither');
  }
  return parsed.data;
}
