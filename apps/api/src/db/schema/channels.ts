import { boolean, index, jsonb, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.ts';
import { organizations } from './organizations.ts';

export const channelTypes = ['EMAIL', 'FACEBOOK', 'INSTAGRAM', 'WHATSAPP', 'TELEGRAM', 'WEBSITE_CHAT'] as const;
export const channelTypeEnum = pgEnum('channel_type', channelTypes);

export const channels = pgTable(
  'channels',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    type: channelTypeEnum('type').notNull(),
    name: text('name').notNull(),
    region: text('region'),
    defaultLanguage: text('default_language').notNull().default('en'),
    autoTranslate: boolean('auto_translate').notNull().default(true),
    translateToLanguage: text('translate_to_language'),
    fallbackLanguage: text('fallback_language'),
    aiProviderId: text('ai_provider_id'),
    /** AES-256-GCM envelope of the full credentials JSON (lib/crypto.ts); never leaves the server. */
    credentials: text('credentials').notNull(),
    /** The non-secret credential fields plus `has<Secret>: true` flags: what responses show. */
    credentialsSummary: jsonb('credentials_summary').$type<Record<string, unknown>>().notNull().default({}),
    /**
     * The provider account the credentials were verified to own (page, Instagram account, WhatsApp phone
     * number id, Telegram bot id); null for types without one. Unique per type across the installation,
     * so inbound webhooks name at most one channel (CONTRACT §10 "Who owns an account id").
     */
    accountId: text('account_id'),
    responseTemplate: jsonb('response_template').$type<Record<string, unknown>>().notNull().default({}),
    autoReply: boolean('auto_reply').notNull().default(false),
    autoApprove: boolean('auto_approve').notNull().default(false),
    autoEnhance: boolean('auto_enhance').notNull().default(false),
    /** WEBSITE_CHAT appearance: colour, position, greeting, launcher text, language. */
    widgetConfig: jsonb('widget_config').$type<Record<string, unknown>>().notNull().default({}),
    /** WEBSITE_CHAT: the secret of identity verification (HMAC of the visitor's userId), AES-256-GCM envelope; null until first shown. */
    identitySecret: text('identity_secret'),
    /** The last connection check, `{state, error, checkedAt}` (CONTRACT §10); null until one has run. */
    connectionStatus: jsonb('connection_status').$type<{ state: 'OK' | 'ERROR'; error: string | null; checkedAt: string }>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('channels_org_created_idx').on(t.organizationId, t.createdAt),
    uniqueIndex('channels_type_account_id_key').on(t.type, t.accountId),
  ],
);
