import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

export const media = pgTable(
  'media',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Storage key, `<organizationId>/<id>`; the `path` clients pass as an attachment. */
    path: text('path').notNull(),
    name: text('name').notNull(),
    /** Sniffed from the bytes, never the client's claim. */
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedById: text('uploaded_by_id').references(() => users.id, { onDelete: 'set null' }),
    /** Set for files a widget visitor uploaded (no user). */
    visitorId: text('visitor_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('media_path_key').on(t.path), index('media_org_created_idx').on(t.organizationId, t.createdAt)],
);
