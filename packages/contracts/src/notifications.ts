import { z } from 'zod';

/** CONTRACT §11: the events a user or an integration can be notified of (`mention` fires once private notes exist). */
export const notificationEvents = ['conversation.created', 'conversation.assigned', 'message.created', 'mention'] as const;
export const notificationEventSchema = z.enum(notificationEvents);
export type NotificationEvent = z.infer<typeof notificationEventSchema>;

export const notificationChannelPrefsSchema = z.object({ inApp: z.boolean(), push: z.boolean(), email: z.boolean() });
export type NotificationChannelPrefs = z.infer<typeof notificationChannelPrefsSchema>;

/** The caller's own preferences, always whole (defaults filled in). */
export const notificationPreferencesSchema = z.object({
  events: z.object({
    'conversation.created': notificationChannelPrefsSchema,
    'conversation.assigned': notificationChannelPrefsSchema,
    'message.created': notificationChannelPrefsSchema,
    mention: notificationChannelPrefsSchema,
  }),
  sound: z.boolean(),
}) satisfies z.ZodType<{ events: Record<NotificationEvent, NotificationChannelPrefs>; sound: boolean }>;
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

const prefsPatch = z.strictObject({ inApp: z.boolean().optional(), push: z.boolean().optional(), email: z.boolean().optional() }).optional();
/** PUT merges per event and per flag: `{events: {"message.created": {email: true}}}` changes that one flag. */
export const updateNotificationPreferencesBodySchema = z.strictObject({
  events: z
    .strictObject({ 'conversation.created': prefsPatch, 'conversation.assigned': prefsPatch, 'message.created': prefsPatch, mention: prefsPatch })
    .optional(),
  sound: z.boolean().optional(),
});
export type UpdateNotificationPreferencesBody = z.infer<typeof updateNotificationPreferencesBodySchema>;

/** An in-app notification; `type` is the event name. */
export const notificationSchema = z.object({
  id: z.string(),
  type: notificationEventSchema,
  title: z.string(),
  body: z.string(),
  conversationId: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  pagination: z.object({
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
    totalPages: z.number().int(),
    nextCursor: z.string().nullable(),
  }),
  unreadCount: z.number().int(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const notificationListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).default(20).transform((n) => Math.min(n, 100)),
  unread: z.enum(['true', 'false'], 'Must be true or false').transform((v) => v === 'true').optional(),
});

export const markNotificationsReadBodySchema = z.union([
  z.strictObject({ ids: z.array(z.string().min(1).max(100)).min(1).max(500) }),
  z.strictObject({ all: z.literal(true) }),
]);
export type MarkNotificationsReadBody = z.infer<typeof markNotificationsReadBodySchema>;
export const markNotificationsReadResultSchema = z.object({ updated: z.number().int(), unreadCount: z.number().int() });

// ---- Web Push

export const pushSubscriptionBodySchema = z.strictObject({
  /** Checked against the outbound-URL guard (CONTRACT §8.6). */
  endpoint: z.string().trim().min(1, 'Required').max(2048),
  keys: z.strictObject({
    p256dh: z.string().min(1).max(200).regex(/^[A-Za-z0-9_-]+=*$/, 'Must be base64url'),
    auth: z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+=*$/, 'Must be base64url'),
  }),
  expirationTime: z.number().nullable().optional(),
});
export type PushSubscriptionBody = z.infer<typeof pushSubscriptionBodySchema>;
export const deletePushSubscriptionBodySchema = z.strictObject({ endpoint: z.string().trim().min(1, 'Required').max(2048) });
export const pushSubscriptionResultSchema = z.object({ id: z.string() });
export const vapidPublicKeySchema = z.object({ publicKey: z.string() });

/** What a push carries (decrypted by the service worker); `url` is the dashboard path of the conversation. */
export const pushPayloadSchema = z.object({
  type: notificationEventSchema,
  title: z.string(),
  body: z.string(),
  url: z.string(),
  conversationId: z.string().nullable(),
});
export type PushPayload = z.infer<typeof pushPayloadSchema>;

// ---- Integrations

export const notificationIntegrationTypes = ['SLACK', 'DISCORD', 'WEBHOOK', 'EMAIL'] as const;
export const notificationIntegrationTypeSchema = z.enum(notificationIntegrationTypes);
export type NotificationIntegrationType = z.infer<typeof notificationIntegrationTypeSchema>;

/** The url is write-only (`hasUrl`); a WEBHOOK's signing secret is only in the create answer. */
export const notificationIntegrationSchema = z.object({
  id: z.string(),
  type: notificationIntegrationTypeSchema,
  name: z.string(),
  events: z.array(notificationEventSchema),
  enabled: z.boolean(),
  hasUrl: z.boolean(),
  address: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type NotificationIntegration = z.infer<typeof notificationIntegrationSchema>;
export const createdNotificationIntegrationSchema = notificationIntegrationSchema.extend({ secret: z.string().optional() });

const integrationFields = {
  name: z.string().trim().min(1, 'Required').max(100),
  events: z.array(notificationEventSchema).min(1, 'Pick at least one event').max(notificationEvents.length).transform((e) => [...new Set(e)]),
  enabled: z.boolean(),
  url: z.string().trim().min(1, 'Required').max(2048),
  address: z.string().trim().max(254).pipe(z.email('Must be a valid email address')),
};

/** `url` for SLACK/DISCORD/WEBHOOK, `address` for EMAIL; the server says which is missing as `fields`. */
export const createNotificationIntegrationBodySchema = z.strictObject({
  type: notificationIntegrationTypeSchema,
  name: integrationFields.name,
  events: integrationFields.events,
  enabled: integrationFields.enabled.default(true),
  url: integrationFields.url.optional(),
  address: integrationFields.address.optional(),
});
export type CreateNotificationIntegrationBody = z.infer<typeof createNotificationIntegrationBodySchema>;

/** Partial; the type is fixed. A new `url` replaces the stored one. */
export const updateNotificationIntegrationBodySchema = z.strictObject({
  name: integrationFields.name.optional(),
  events: integrationFields.events.optional(),
  enabled: integrationFields.enabled.optional(),
  url: integrationFields.url.optional(),
  address: integrationFields.address.optional(),
});
export type UpdateNotificationIntegrationBody = z.infer<typeof updateNotificationIntegrationBodySchema>;

export const notificationDeliveryStatuses = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;
export const notificationDeliverySchema = z.object({
  id: z.string(),
  event: z.string(),
  status: z.enum(notificationDeliveryStatuses),
  attempt: z.number().int(),
  responseCode: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationDelivery = z.infer<typeof notificationDeliverySchema>;
export const testNotificationIntegrationResultSchema = z.object({ deliveryId: z.string() });
