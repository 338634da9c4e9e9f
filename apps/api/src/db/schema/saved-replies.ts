import { pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { channels } from './channels.ts';
import { createdAt, id, updatedAt } from './columns.ts';
import { organizations } from './organizations.ts';

/** Canned answers the composer offers on `/` (CONTRACT §12); `channelId` null means every channel. */
export const savedReplies = pgTable(
  'saved_replies',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    channelId: text('channel_id').references(() => channels.id, { onDelete: 'cascade' }),
    /** Lower-cased on write, so `/Refund` and `/refund` are one shortcut. */
    shortcut: text('shortcut').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('saved_replies_org_shortcut_key').on(t.organizationId, t.shortcut)],
);
