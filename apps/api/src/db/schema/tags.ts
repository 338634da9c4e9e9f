import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.ts';
import { conversations } from './conversations.ts';
import { organizations } from './organizations.ts';

/** Labels agents put on conversations (CONTRACT §12); a name is unique per organization, whatever its case. */
export const tags = pgTable(
  'tags',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** A palette name (`blue`, `red`, …) or `#rrggbb`. */
    color: text('color').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('tags_org_name_key').on(t.organizationId, sql`lower(${t.name})`)],
);

/** Which conversation carries which tag; deleting either side removes the link. */
export const conversationTags = pgTable(
  'conversation_tags',
  {
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    tagId: text('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.tagId] }),
    // The list filter `tag=<id>` probes (tag, conversation); the primary key serves the tags of a page.
    index('conversation_tags_tag_idx').on(t.tagId, t.conversationId),
  ],
);
