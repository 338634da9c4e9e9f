import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { channels } from './channels.ts';
import { createdAt, id, updatedAt } from './columns.ts';
import { organizations } from './organizations.ts';

/** Questions shown as chips in the widget; `channelId` null means every channel of the organization. */
export const faqs = pgTable(
  'faqs',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    channelId: text('channel_id').references(() => channels.id, { onDelete: 'cascade' }),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    order: integer('order').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('faqs_org_channel_order_idx').on(t.organizationId, t.channelId, t.order)],
);
