import type { VisitorContext } from '@helpstack/contracts';
import { sql } from 'drizzle-orm';
import { customType, index, integer, jsonb, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { channels } from './channels.ts';
import { createdAt, id, updatedAt } from './columns.ts';
import { customers } from './customers.ts';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

export const conversationStatuses = ['OPEN', 'PENDING', 'CLOSED', 'ARCHIVED'] as const;
export const conversationStatusEnum = pgEnum('conversation_status', conversationStatuses);
export const priorities = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const;
export const priorityEnum = pgEnum('priority', priorities);

export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    customerId: text('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    subject: text('subject'),
    status: conversationStatusEnum('status').notNull().default('OPEN'),
    priority: priorityEnum('priority').notNull().default('MEDIUM'),
    assignedToId: text('assigned_to_id').references(() => users.id, { onDelete: 'set null' }),
    language: text('language'),
    notes: text('notes'),
    /** Where a widget visitor wrote from (page URL, referrer, browser, locale, time zone), sent with the first message. */
    context: jsonb('context').$type<VisitorContext>(),
    /** Inbound messages since the agents last read it; `unread` is unreadCount > 0. */
    unreadCount: integer('unread_count').notNull().default(0),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    lastMessagePreview: text('last_message_preview'),
    /** Snoozed (status PENDING) until then; a job reopens it (CONTRACT §12). Null: not snoozed. */
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
    /** Subject, customer name/email and message text ('simple' config: language-neutral), kept by the app. */
    searchVector: tsvector('search_vector'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Keyset order of every list: (lastMessageAt desc, id desc), within the organization.
    index('conversations_org_last_idx').on(t.organizationId, t.lastMessageAt.desc(), t.id.desc()),
    index('conversations_org_status_last_idx').on(t.organizationId, t.status, t.lastMessageAt.desc(), t.id.desc()),
    index('conversations_org_assignee_last_idx').on(t.organizationId, t.assignedToId, t.lastMessageAt.desc(), t.id.desc()),
    index('conversations_org_channel_last_idx').on(t.organizationId, t.channelId, t.lastMessageAt.desc(), t.id.desc()),
    index('conversations_customer_idx').on(t.customerId),
    // A bounded pending list (256 kB, not the default 4 MB): every new message updates its conversation's vector,
    // GIN queues those entries in the pending list, and every search scans all of it — 296 pages (2.4 MB) after
    // issue 14's inbound bench cost a rare-word search 1.1 ms instead of 0.1 ms. Flushing more often is cheap.
    index('conversations_search_idx').using('gin', t.searchVector).with({ gin_pending_list_limit: 256 }),
    // The snooze sweeper's overdue wake-ups (few rows: only snoozed conversations are in it).
    index('conversations_snoozed_until_idx').on(t.snoozedUntil).where(sql`${t.snoozedUntil} is not null`),
  ],
);
