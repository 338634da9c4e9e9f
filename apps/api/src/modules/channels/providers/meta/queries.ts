import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../../db/client.ts';
import { channels, conversations, customerIdentities, messages } from '../../../../db/schema/index.ts';
import type { ChannelRow } from '../../queries.ts';
import { providerChannel, type MetaProvider } from './payload.ts';

/** What routing a delivery needs of a channel: who it is, which account it owns, and how to find its secret. */
export type OwningChannel = Pick<ChannelRow, 'id' | 'organizationId' | 'type' | 'accountId' | 'credentials' | 'credentialsSummary'>;

const owningColumns = {
  id: channels.id,
  organizationId: channels.organizationId,
  type: channels.type,
  accountId: channels.accountId,
  credentials: channels.credentials,
  credentialsSummary: channels.credentialsSummary,
};

/**
 * The channels of the provider's type that own one of `accountIds` — at most one per account id (unique
 * index on type, account_id). Public webhooks name no organization: the receiving account identifies the channel.
 */
export async function findOwningChannels(db: Executor, params: { provider: MetaProvider; accountIds: string[] }): Promise<OwningChannel[]> {
  if (params.accountIds.length === 0) return [];
  return db
    .select(owningColumns)
    .from(channels)
    .where(and(eq(channels.type, providerChannel[params.provider].type), inArray(channels.accountId, params.accountIds)));
}

/** A channel by id, in any organization: a queued entry re-checks that its channel still exists and owns the account. */
export async function findOwningChannel(db: Executor, id: string): Promise<OwningChannel | null> {
  const [row] = await db.select(owningColumns).from(channels).where(eq(channels.id, id)).limit(1);
  return row ?? null;
}

/** Channels of the provider's type that set their own verify token (checked by decrypting them). */
export async function findChannelsWithVerifyToken(db: Executor, params: { provider: MetaProvider }): Promise<ChannelRow[]> {
  return db
    .select()
    .from(channels)
    .where(and(eq(channels.type, providerChannel[params.provider].type), sql`(${channels.credentialsSummary} ->> 'hasVerifyToken')::boolean is true`))
    .limit(500);
}

/**
 * Whether a reply of ours to this customer on this channel is being sent right now (PENDING with an attempt
 * begun): Meta may echo it before we have stored its message id, and that echo must wait rather than be
 * taken for a reply written in Meta's inbox.
 */
export async function replyInFlight(db: Executor, params: { organizationId: string; channelId: string; customerExternalId: string }) {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .innerJoin(conversations, and(eq(conversations.id, messages.conversationId), eq(conversations.organizationId, messages.organizationId)))
    .innerJoin(customerIdentities, and(
      eq(customerIdentities.customerId, conversations.customerId),
      eq(customerIdentities.channelId, params.channelId),
      eq(customerIdentities.externalId, params.customerExternalId),
    ))
    .where(and(
      eq(messages.organizationId, params.organizationId),
      eq(conversations.channelId, params.channelId),
      eq(messages.direction, 'OUTBOUND'),
      eq(messages.status, 'PENDING'),
      gt(messages.attempts, 0),
    ))
    .limit(1);
  return row !== undefined;
}
