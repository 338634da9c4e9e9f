import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { channels } from '../../db/schema/index.ts';

/**
 * The identity secret of a WEBSITE_CHAT channel (CONTRACT §12): the key of the `userHash` HMAC a site
 * computes on its server for `HelpStack('identify')`. Generated when first shown to an admin, stored
 * sealed and bound to the channel row, never sent to the widget.
 */
const contextOf = (channelId: string) => `channels.identity_secret:${channelId}`;

type Deps = Pick<FastifyInstance, 'db' | 'crypto'>;

async function storedSecret(app: Deps, channel: { id: string; organizationId: string }) {
  const [row] = await app.db.select({ sealed: channels.identitySecret }).from(channels)
    .where(and(eq(channels.organizationId, channel.organizationId), eq(channels.id, channel.id))).limit(1);
  return row?.sealed ? app.crypto.decryptJson<string>(row.sealed, contextOf(channel.id)) : null;
}

/** The channel's secret, created on first use; two admins racing both end with the one that was stored first. */
export async function ensureIdentitySecret(app: Deps, channel: { id: string; organizationId: string }): Promise<string> {
  const existing = await storedSecret(app, channel);
  if (existing) return existing;
  const secret = randomBytes(32).toString('hex');
  await app.db.update(channels).set({ identitySecret: app.crypto.encryptJson(secret, contextOf(channel.id)) })
    .where(and(eq(channels.organizationId, channel.organizationId), eq(channels.id, channel.id), isNull(channels.identitySecret)));
  return (await storedSecret(app, channel))!;
}

/** hex HMAC-SHA256 of `userId` — what the site's server computes. */
export const userHashOf = (secret: string, userId: string) => createHmac('sha256', secret).update(userId, 'utf8').digest('hex');

/** Whether `userHash` is the HMAC of `userId` under the channel's secret; false when the channel has none yet. */
export async function verifyUserHash(app: Deps, channel: { id: string; organizationId: string }, userId: string, userHash: string) {
  const secret = await storedSecret(app, channel);
  if (!secret) return false;
  const expected = Buffer.from(userHashOf(secret, userId), 'hex');
  const given = Buffer.from(userHash.toLowerCase(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
