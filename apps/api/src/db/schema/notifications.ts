import { notificationDeliveryStatuses, notificationIntegrationTypes, type NotificationEvent, type NotificationPreferences } from '@helpstack/contracts';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.ts';
import { conversations } from './conversations.ts';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

const organizationId = () =>
  text('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });
const userId = () =>
  text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });

/** A user's own choices per organization; absent → the defaults of CONTRACT §11. Stored whole, after the merge. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    organizationId: organizationId(),
    userId: userId(),
    preferences: jsonb('preferences').$type<NotificationPreferences>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.userId] })],
);

/** In-app notifications: one per recipient, `readAt` null while unread. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    organizationId: organizationId(),
    userId: userId(),
    type: text('type').$type<NotificationEvent>().notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    conversationId: text('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_user_created_idx').on(t.organizationId, t.userId, t.createdAt),
    index('notifications_user_unread_idx').on(t.organizationId, t.userId).where(sql`read_at is null`),
  ],
);

/** A browser's Web Push subscription; an endpoint belongs to one browser, so it is unique installation-wide. */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: id(),
    organizationId: organizationId(),
    userId: userId(),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    expirationTime: timestamp('expiration_time', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('push_subscriptions_endpoint_idx').on(t.endpoint), index('push_subscriptions_user_idx').on(t.organizationId, t.userId)],
);

export const notificationIntegrationTypeEnum = pgEnum('notification_integration_type', notificationIntegrationTypes);
export const notificationDeliveryStatusEnum = pgEnum('notification_delivery_status', notificationDeliveryStatuses);

/** The write-only parts of an integration: its target URL and (WEBHOOK) its signing secret. */
export interface IntegrationSecrets {
  url: string | null;
  signingSecret: string | null;
}

/** An organization's Slack / Discord / webhook / e-mail target for notification events. */
export const notificationIntegrations = pgTable(
  'notification_integrations',
  {
    id: id(),
    organizationId: organizationId(),
    type: notificationIntegrationTypeEnum('type').notNull(),
    name: text('name').notNull(),
    events: jsonb('events').$type<NotificationEvent[]>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** AES-256-GCM envelope (lib/crypto.ts) of IntegrationSecrets, bound to the row id. */
    secrets: text('secrets'),
    hasUrl: boolean('has_url').notNull().default(false),
    address: text('address'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('notification_integrations_org_idx').on(t.organizationId)],
);

/**
 * One delivery to an integration (an event or a test): the body is fixed when it is queued, so every
 * retry sends the same bytes (and a webhook the same `webhook-id`). The last ~50 per integration are kept.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: id(),
    organizationId: organizationId(),
    integrationId: text('integration_id')
      .notNull()
      .references(() => notificationIntegrations.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    payload: jsonb('payload').$type<unknown>().notNull(),
    status: notificationDeliveryStatusEnum('status').notNull().default('PENDING'),
    attempt: integer('attempt').notNull().default(0),
    responseCode: integer('response_code'),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('notification_deliveries_integration_idx').on(t.integrationId, t.createdAt)],
);

/**
 * Batching of push and e-mail for customer messages: the last time a user was pushed / mailed about a
 * conversation. A message within a minute of that is listed in-app only (see notifications/batching.ts).
 */
export const notificationThrottles = pgTable(
  'notification_throttles',
  {
    userId: userId(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    channel: text('channel').$type<'push' | 'email'>().notNull(),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.conversationId, t.channel] })],
);

/**
 * Installation-wide generated secrets (the VAPID key pair), encrypted with the app keyring, so that every
 * instance on one database signs with the same key and browsers' subscriptions stay valid.
 */
export const installationSecrets = pgTable('installation_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdAt(),
});
