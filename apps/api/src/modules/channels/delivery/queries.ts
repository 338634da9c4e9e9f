import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { channels, conversations, customerIdentities, customers, messages } from '../../../db/schema/index.ts';


/** The message with its conversation, channel and customer, in one round trip. */
export async function findDeliverable(db: Executor, params: { organizationId: string; messageId: string }) {
  const [row] = await db
    .select({ message: messages, conversation: conversations, channel: channels, customer: customers })
    .from(messages)
    .innerJoin(conversations, and(eq(conversations.id, messages.conversationId), eq(conversations.organizationId, messages.organizationId)))
    .innerJoin(channels, and(eq(channels.id, conversations.channelId), eq(channels.organizationId, messages.organizationId)))
    .leftJoin(customers, and(eq(customers.id, conversations.customerId), eq(customers.organizationId, messages.organizationId)))
    .where(and(eq(messages.organizationId, params.organizationId), eq(messages.id, params.messageId)))
    .limit(1);
  return row ?? null;
}

/** How the channel knows the customer, newest first (bounded: a customer has a handful per channel). */
export async function identitiesOf(db: Executor, params: { organizationId: string; customerId: string; channelId: string }) {
  return db.select().from(customerIdentities)
    .where(and(
      eq(customerIdentities.organizationId, params.organizationId),
      eq(customerIdentities.customerId, params.customerId),
      eq(customerIdentities.channelId, params.channelId),
    ))
    .orderBy(desc(customerIdentities.createdAt))
    .limit(20);
}

const pending = (params: { organizationId: string; messageId: string }) =>
  and(eq(messages.organizationId, params.organizationId), eq(messages.id, params.messageId), eq(messages.status, 'PENDING'));

/** Counts the attempt; null when the message is no longer PENDING (delivered by an earlier attempt, or failed). */
export async function beginAttempt(db: Executor, params: { organizationId: string; messageId: string }) {
  const [row] = await db.update(messages).set({ attempts: sql`${messages.attempts} + 1` })
    .where(pending(params)).returning({ attempts: messages.attempts });
  return row?.attempts ?? null;
}

export async function markSent(
  db: Executor,
  params: { organizationId: string; messageId: string; status: 'SENT' | 'DELIVERED'; externalId?: string },
) {
  const now = new Date();
  const [row] = await db.update(messages)
    .set({
      status: params.status,
      error: null,
      sentAt: now,
      ...(params.status === 'DELIVERED' ? { deliveredAt: now } : {}),
      ...(params.externalId ? { externalId: params.externalId } : {}),
    })
    .where(pending(params))
    .returning();
  return row ?? null;
}

/** Records why an attempt failed; `final` also gives the message up (FAILED). */
export async function markAttemptFailed(db: Executor, params: { organizationId: string; messageId: string; error: string; final: boolean }) {
  const [row] = await db.update(messages)
    .set({ error: params.error, ...(params.final ? { status: 'FAILED' as const } : {}) })
    .where(pending(params))
    .returning();
  return row ?? null;
}

/** Gives up on a message whose job ended without an answer (expired on a crashed instance, shut down on its last try). */
export async function giveUp(db: Executor, params: { organizationId: string; messageId: string; error: string }) {
  const [row] = await db.update(messages)
    .set({ status: 'FAILED', error: sql`coalesce(${messages.error}, ${params.error})` })
    .where(pending(params))
    .returning();
  return row ?? null;
}
