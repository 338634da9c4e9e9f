import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { channels } from './channels.ts';
import { createdAt, id, updatedAt } from './columns.ts';
import { organizations } from './organizations.ts';

/** A person who writes in; one per organization whatever the channel (de-duplicated by email/phone/identity). */
export const customers = pgTable(
  'customers',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    avatarUrl: text('avatar_url'),
    language: text('language'),
    /** Avatar colour (hex) of a visitor, from its generated name; null for others. */
    color: text('color'),
    /** `name` was generated from the visitor id ("Blue Otter"): a real name given later replaces it. */
    nameGenerated: boolean('name_generated').notNull().default(false),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('customers_org_email_key').on(t.organizationId, t.email).where(sql`${t.email} is not null`),
    uniqueIndex('customers_org_phone_key').on(t.organizationId, t.phone).where(sql`${t.phone} is not null`),
    index('customers_org_created_idx').on(t.organizationId, t.createdAt.desc(), t.id.desc()),
  ],
);

/** How a channel knows the customer: widget visitorId, Messenger PSID, WhatsApp number, Telegram chat id… */
export const customerIdentities = pgTable(
  'customer_identities',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('customer_identities_channel_external_key').on(t.channelId, t.externalId), index('customer_identities_customer_idx').on(t.customerId)],
);
