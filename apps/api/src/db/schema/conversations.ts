import { customType, index, integer, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
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
    /** Inbound messages since the agents last read it; `unread` is unreadCount > 0. */
    unreadCount: integer('unread_count').notNull().default(0),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    lastMessagePreview: text('last_message_preview'),
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
    index('conversations_search_idx').using('gin', t.searchVector),
  ],
);
