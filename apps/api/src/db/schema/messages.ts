import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { conversations } from './conversations.ts';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

export const directions = ['INBOUND', 'OUTBOUND'] as const;
export const directionEnum = pgEnum('message_direction', directions);
export const senderTypes = ['CUSTOMER', 'AGENT', 'AI', 'SYSTEM'] as const;
export const senderTypeEnum = pgEnum('sender_type', senderTypes);
export const messageStatuses = ['PENDING', 'SENT', 'DELIVERED', 'FAILED', 'READ'] as const;
export const messageStatusEnum = pgEnum('message_status', messageStatuses);
export const translationStatuses = ['NONE', 'PENDING', 'DONE', 'FAILED'] as const;
export const translationStatusEnum = pgEnum('translation_status', translationStatuses);

/** Denormalised on the message: media rows are immutable, and lists then need no join. */
export type MessageAttachment = { id: string; name: string; mimeType: string; size: number };

export const messages = pgTable(
  'messages',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    direction: directionEnum('direction').notNull(),
    senderType: senderTypeEnum('sender_type').notNull(),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    content: text('content').notNull(),
    translatedContent: text('translated_content'),
    language: text('language'),
    translatedLanguage: text('translated_language'),
    translationStatus: translationStatusEnum('translation_status').notNull().default('NONE'),
    /** What the agent typed, when autoEnhance rewrote it into `content`. */
    originalContent: text('original_content'),
    /** false while a reply waits for an agent's approval (e.g. translation); delivery starts on approval. */
    approved: boolean('approved').notNull().default(true),
    status: messageStatusEnum('status').notNull().default('PENDING'),
    /** Why the last delivery attempt failed, shown to agents. */
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    /** Provider message id (Meta mid, Telegram message_id, email Message-ID): de-duplicates webhooks. */
    externalId: text('external_id'),
    /** Client-generated id of a widget message: retries never create a second message. */
    clientMessageId: text('client_message_id'),
    attachments: jsonb('attachments').$type<MessageAttachment[]>().notNull().default([]),
    /** A note or activity line (CONTRACT §12): agents only — never delivered, never shown to the visitor. */
    private: boolean('private').notNull().default(false),
    /** User ids a private note mentions (each a member of the organization when written). */
    mentions: jsonb('mentions').$type<string[]>().notNull().default([]),
    /** An inbound e-mail's own subject (a thread's mails may differ from the conversation's). */
    emailSubject: text('email_subject'),
    /** An inbound e-mail's whole body as sanitised HTML, quoted history included (the dashboard collapses it). */
    emailHtml: text('email_html'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    index('messages_conversation_created_idx').on(t.conversationId, t.createdAt.desc(), t.id.desc()),
    uniqueIndex('messages_client_id_key').on(t.conversationId, t.clientMessageId).where(sql`${t.clientMessageId} is not null`),
    uniqueIndex('messages_external_id_key').on(t.organizationId, t.externalId).where(sql`${t.externalId} is not null`),
  ],
);
