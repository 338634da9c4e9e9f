import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { organizations } from './organizations.ts';

/**
 * One row per model call: what it cost and what for. Provider and conversation are plain ids (no foreign
 * key), so the history outlives a deleted provider or conversation; type and model are copied for that reason.
 */
export const aiUsage = pgTable(
  'ai_usage',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    feature: text('feature').notNull(),
    providerId: text('provider_id'),
    providerType: text('provider_type').notNull(),
    model: text('model').notNull(),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    totalTokens: integer('total_tokens').notNull().default(0),
    planTokens: integer('plan_tokens').notNull().default(0),
    conversationId: text('conversation_id'),
    createdAt: createdAt(),
  },
  // The organization page's report: one organization's rows of the last N days, grouped by day and feature.
  (t) => [index('ai_usage_org_created_idx').on(t.organizationId, t.createdAt)],
);
