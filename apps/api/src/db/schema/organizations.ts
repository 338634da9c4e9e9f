import { integer, pgEnum, pgTable, text } from 'drizzle-orm/pg-core';
import { plans } from '@helpstack/contracts';
import { createdAt, id, updatedAt } from './columns.ts';

export const planEnum = pgEnum('plan', plans);

export const organizations = pgTable('organizations', {
  id: id(),
  name: text('name').notNull(),
  plan: planEnum('plan').notNull().default('FREE'),
  tokenBalance: integer('token_balance').notNull().default(0),
  defaultLanguage: text('default_language').notNull().default('en'),
  defaultAiProviderId: text('default_ai_provider_id'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
