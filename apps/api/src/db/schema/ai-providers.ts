import { index, pgEnum, pgTable, text } from 'drizzle-orm/pg-core';
import { aiProviderTypes } from '@helpstack/contracts';
import { createdAt, id, updatedAt } from './columns.ts';
import { organizations } from './organizations.ts';

export const aiProviderTypeEnum = pgEnum('ai_provider_type', aiProviderTypes);

/**
 * A model endpoint an organization pays for. Which one is its default lives on
 * `organizations.default_ai_provider_id`: one column, so there is never more than one default.
 */
export const aiProviders = pgTable(
  'ai_providers',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    type: aiProviderTypeEnum('type').notNull(),
    model: text('model').notNull(),
    baseUrl: text('base_url'),
    /** AES-256-GCM envelope (lib/crypto.ts) bound to the row id; never leaves the server. */
    apiKey: text('api_key'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('ai_providers_org_created_idx').on(t.organizationId, t.createdAt)],
);
