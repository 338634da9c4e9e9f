import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { isUniqueViolation } from '../../lib/errors.ts';
import { channels, conversations, customerIdentities, customers, media, messages } from '../../db/schema/index.ts';


/** History a widget shows on load; older messages stay in the agent's view. */
export const HISTORY_LIMIT = 100;

/**
 * The public entry point of the widget API: a channel id alone identifies the organization. Only
 * WEBSITE_CHAT channels answer; every later query is scoped by the organization found here.
 */
export async function findWidgetChannel(db: Executor, channelId: string) {
  const [row] = await db
    .select({
      id: channels.id,
      organizationId: channels.organizationId,
      name: channels.name,
      defaultLanguage: channels.defaultLanguage,
      fallbackLanguage: channels.fallbackLanguage,
      widgetConfig: channels.widgetConfig,
    })
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.type, 'WEBSITE_CHAT')))
    .limit(1);
  return row ?? null;
}
export type WidgetChannel = NonNullable<Awaited<ReturnType<typeof findWidgetChannel>>>;

/** The visitor's latest conversation on the channel (a visitor only ever sees its own). */
export async function findVisitorConversation(db: Executor, params: { organizationId: string; channelId: string; visitorId: string }) {
  const [row] = await db
    .select({ id: conversations.id, customerId: conversations.customerId })
    .from(customerIdentities)
    .innerJoin(conversations, and(eq(conversations.customerId, customerIdentities.customerId), eq(conversations.channelId, customerIdentities.channelId)))
    .where(and(
      eq(customerIdentities.organizationId, params.organizationId),
      eq(customerIdentities.channelId, params.channelId),
      eq(customerIdentities.externalId, params.visitorId),
    ))
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(1);
  return row ?? null;
}

const visitorMessageColumns = {
  id: messages.id,
  conversationId: messages.conversationId,
  direction: messages.direction,
  senderType: messages.senderType,
  content: messages.content,
  translatedContent: messages.translatedContent,
  attachments: messages.attachments,
  clientMessageId: messages.clientMessageId,
  createdAt: messages.createdAt,
};
export type VisitorMessageRow = { [K in keyof typeof visitorMessageColumns]: (typeof visitorMessageColumns)[K]['_']['data'] } & {
  translatedContent: string | null;
  clientMessageId: string | null;
};

/**
 * The newest `limit` messages a visitor may see, oldest first: everything they wrote, and agents'
 * replies once approved (a reply waiting for approval is not sent yet).
 */
export async function listVisitorMessages(db: Executor, params: { organizationId: string; conversationId: string; limit: number }) {
  const rows = await db
    .select(visitorMessageColumns)
    .from(messages)
    .where(and(
      eq(messages.organizationId, params.organizationId),
      eq(messages.conversationId, params.conversationId),
      or(eq(messages.direction, 'INBOUND'), eq(messages.approved, true)),
      // Notes and activity lines are the agents' own (CONTRACT §12).
      eq(messages.private, false),
    ))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(params.limit);
  return rows.reverse() as VisitorMessageRow[];
}

/** Media the visitor uploaded themselves (what they may attach to a message). */
export async function findVisitorUploads(db: Executor, params: { organizationId: string; visitorId: string; paths: string[] }) {
  if (params.paths.length === 0) return [];
  return db
    .select({ id: media.id, path: media.path, name: media.name, mimeType: media.mimeType, size: media.size })
    .from(media)
    .where(and(eq(media.organizationId, params.organizationId), eq(media.visitorId, params.visitorId), inArray(media.path, params.paths)));
}

/**
 * A file the visitor may download: one they uploaded, or one attached to a message of their own
 * conversation (an agent's attachment).
 */
export async function findVisitorMedia(db: Executor, params: { organizationId: string; id: string; visitorId: string; conversationId: string | null }) {
  const [row] = await db
    .select({ id: media.id, path: media.path, name: media.name, mimeType: media.mimeType, size: media.size, visitorId: media.visitorId })
    .from(media)
    .where(and(eq(media.organizationId, params.organizationId), eq(media.id, params.id)))
    .limit(1);
  if (!row) return null;
  if (row.visitorId === params.visitorId) return row;
  if (!params.conversationId) return null;
  const [attached] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(
      eq(messages.organizationId, params.organizationId),
      eq(messages.conversationId, params.conversationId),
      eq(messages.approved, true),
      eq(messages.private, false),
      sql`${messages.attachments} @> ${JSON.stringify([{ id: params.id }])}::jsonb`,
    ))
    .limit(1);
  return attached ? row : null;
}

/** Sets the customer's email if they have none and no other customer of the organization uses it. */
export async function claimEmail(db: Executor, params: { organizationId: string; customerId: string; email: string }) {
  try {
    await db
      .update(customers)
      .set({ email: params.email, updatedAt: new Date() })
      .where(and(
        eq(customers.organizationId, params.organizationId),
        eq(customers.id, params.customerId),
        sql`${customers.email} is null`,
        sql`not exists (select 1 from ${customers} c2 where c2.organization_id = ${params.organizationId} and c2.email = ${params.email})`,
      ));
  } catch (err) {
    // A concurrent claim of the same address won the unique index: keep the customer without it.
    if (!isUniqueViolation(err)) throw err;
  }
}

/** The visitor ids behind a WEBSITE_CHAT conversation (none for other channels). */
export async function findConversationVisitors(db: Executor, params: { organizationId: string; conversationId: string }) {
  return db
    .select({ channelId: conversations.channelId, visitorId: customerIdentities.externalId })
    .from(conversations)
    .innerJoin(channels, and(eq(channels.id, conversations.channelId), eq(channels.type, 'WEBSITE_CHAT')))
    .innerJoin(customerIdentities, and(eq(customerIdentities.customerId, conversations.customerId), eq(customerIdentities.channelId, conversations.channelId)))
    .where(and(eq(conversations.organizationId, params.organizationId), eq(conversations.id, params.conversationId)))
    .limit(10);
}
