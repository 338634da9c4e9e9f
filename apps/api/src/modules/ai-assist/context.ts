import { and, desc, eq, lte } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { channels, conversations, customers, messages, organizations } from '../../db/schema/index.ts';
import { AppError } from '../../lib/errors.ts';
import { resolveProvider } from '../ai/resolve.ts';
import { messageColumns, type MessageRow } from '../messages/queries.ts';

const primary = (tag: string) => tag.trim().toLowerCase().split(/[-_]/)[0]!;
/** Two language tags name the same language (`en-GB` and `en`). */
export const sameLanguage = (a: string, b: string) => primary(a) === primary(b);

/** What AI work on one conversation needs to know: its channel's settings and both languages. */
export async function conversationContext(db: Executor, params: { organizationId: string; conversationId: string }) {
  const [row] = await db
    .select({
      conversationId: conversations.id,
      status: conversations.status,
      conversationLanguage: conversations.language,
      customer: { id: customers.id, name: customers.name, email: customers.email, phone: customers.phone, language: customers.language },
      channel: {
        id: channels.id,
        name: channels.name,
        type: channels.type,
        autoTranslate: channels.autoTranslate,
        autoApprove: channels.autoApprove,
        autoEnhance: channels.autoEnhance,
        autoReply: channels.autoReply,
        translateToLanguage: channels.translateToLanguage,
        defaultLanguage: channels.defaultLanguage,
        responseTemplate: channels.responseTemplate,
      },
      organizationLanguage: organizations.defaultLanguage,
    })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .innerJoin(organizations, eq(organizations.id, conversations.organizationId))
    .leftJoin(customers, eq(customers.id, conversations.customerId))
    .where(and(eq(conversations.organizationId, params.organizationId), eq(conversations.id, params.conversationId)))
    .limit(1);
  if (!row) return null;
  return {
    ...row,
    /** CONTRACT §8.2: the agent language of the channel. */
    agentLanguage: row.channel.translateToLanguage ?? row.channel.defaultLanguage ?? row.organizationLanguage,
    /** CONTRACT §8.2: the customer language (the conversation's, else what the customer record says). */
    customerLanguage: row.conversationLanguage ?? row.customer?.language ?? null,
  };
}
export type ConversationContext = NonNullable<Awaited<ReturnType<typeof conversationContext>>>;

/** A message with the context of its conversation, scoped to the organization. */
export async function messageWithContext(db: Executor, params: { organizationId: string; id: string }) {
  const [message] = await db
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.organizationId, params.organizationId), eq(messages.id, params.id)))
    .limit(1);
  if (!message) return null;
  const context = await conversationContext(db, { organizationId: params.organizationId, conversationId: message.conversationId });
  return context ? { message, context } : null;
}

/** Whether a provider would serve this channel; AI work in the background is skipped without one. */
export async function hasProvider(db: Executor, params: { organizationId: string; channelId: string }) {
  try {
    await resolveProvider(db, params);
    return true;
  } catch (err) {
    if (err instanceof AppError) return false;
    throw err;
  }
}

/**
 * CONTRACT §8.3: the language an agent's reply is translated into, or null when it goes out as typed
 * (no autoTranslate, no provider, an unknown customer language, or the agents' own).
 */
export async function replyTranslationTarget(db: Executor, context: ConversationContext, organizationId: string) {
  const to = context.customerLanguage;
  if (!context.channel.autoTranslate || !to || sameLanguage(to, context.agentLanguage)) return null;
  return (await hasProvider(db, { organizationId, channelId: context.channel.id })) ? to : null;
}

/** The conversation up to and including a message, oldest first (the newest `limit`). */
export async function transcriptUpTo(db: Executor, params: { organizationId: string; conversationId: string; until: Date | string; limit?: number }) {
  const rows = await db
    .select(messageColumns)
    .from(messages)
    .where(and(
      eq(messages.organizationId, params.organizationId),
      eq(messages.conversationId, params.conversationId),
      lte(messages.createdAt, new Date(params.until)),
      // Notes stay between agents: a model that saw them could repeat them to the customer.
      eq(messages.private, false),
    ))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(params.limit ?? 30);
  return rows.reverse() as MessageRow[];
}
