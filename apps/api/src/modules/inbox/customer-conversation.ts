import type { VisitorContext } from '@helpstack/contracts';
import type { Tx } from '../../db/client.ts';
import { upsertCustomer } from '../customers/queries.ts';
import { findByExternalId } from '../messages/queries.ts';
import { findOngoingConversation, insertConversation } from '../conversations/queries.ts';

/** The conversation of the newest known message among `references` (oldest first, as in the References header). */
async function threadOf(tx: Tx, organizationId: string, references: string[]) {
  for (const externalId of [...references].reverse()) {
    const seen = await findByExternalId(tx, { organizationId, externalId });
    if (seen) return { id: seen.conversationId };
  }
  return null;
}

/**
 * The customer a provider names (created on first sight) and the conversation a message between them and
 * the channel belongs to (with its language, when read on the way): the thread it refers to (e-mail), else their ongoing conversation on the channel,
 * else a new one. Serialised per customer, so two first messages racing cannot open two conversations.
 */
export async function customerConversation(tx: Tx, input: {
  organizationId: string;
  channelId: string;
  externalId: string;
  customer?: { name?: string | null; email?: string | null; phone?: string | null; generated?: { name: string; color: string } };
  thread?: { references: string[]; subject: string | null };
  /** A widget visitor's context: kept on a conversation this message opens. */
  context?: VisitorContext;
  at: Date;
}) {
  const { organizationId, channelId } = input;
  const customer = await upsertCustomer(tx, { organizationId, channelId, externalId: input.externalId, ...input.customer }, { lock: true });
  // The conversation's language as read here (undefined: not read, as for an e-mail thread found by reference).
  const ongoing: { id: string; language?: string | null } | null = input.thread
    ? await threadOf(tx, organizationId, input.thread.references)
    : await findOngoingConversation(tx, { organizationId, channelId, customerId: customer.id });
  if (ongoing) return { customer, conversationId: ongoing.id, created: false, language: ongoing.language };
  const created = await insertConversation(tx, { organizationId, channelId, customer, subject: input.thread?.subject ?? null, language: customer.language, context: input.context, at: input.at });
  return { customer, conversationId: created.id, created: true, language: customer.language };
}
