import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { channels } from '../../db/schema/index.ts';
import type { ChannelRow } from '../channels/queries.ts';
import { providerChannel, type MetaProvider } from './meta-payload.ts';

/**
 * Channels of the provider's type whose (non-secret) account id is one of `accountIds`. Public
 * webhooks name no organization: the receiving account is what identifies the channel.
 */
export async function findChannelsByAccount(db: Executor, params: { provider: MetaProvider; accountIds: string[] }): Promise<ChannelRow[]> {
  if (params.accountIds.length === 0) return [];
  const { type, accountField } = providerChannel[params.provider];
  return db
    .select()
    .from(channels)
    .where(and(eq(channels.type, type), inArray(sql<string>`${channels.credentialsSummary} ->> ${accountField}`, params.accountIds)))
    .limit(100);
}

/** Channels of the provider's type that set their own verify token (checked by decrypting them). */
export async function findChannelsWithVerifyToken(db: Executor, params: { provider: MetaProvider }): Promise<ChannelRow[]> {
  return db
    .select()
    .from(channels)
    .where(and(eq(channels.type, providerChannel[params.provider].type), sql`(${channels.credentialsSummary} ->> 'hasVerifyToken')::boolean is true`))
    .limit(500);
}
