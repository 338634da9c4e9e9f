import { z } from 'zod';
import { mediaSchema } from './media.ts';

/**
 * The public widget API (CONTRACT §4–5): what the embeddable widget and the server agree on.
 * No session: a visitor is an unguessable `visitorId` the widget keeps in localStorage.
 */

export const visitorIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, 'Must be 16–64 URL-safe characters');

/** Client-generated id of one visitor message: the server de-duplicates on it (exactly-once). */
export const clientMessageIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Must be 8–64 URL-safe characters');

export const widgetAppearanceSchema = z.object({
  color: z.string(),
  position: z.enum(['right', 'left']),
  launcherText: z.string(),
});

export const widgetConfigResponseSchema = z.object({
  channelId: z.string(),
  name: z.string(),
  appearance: widgetAppearanceSchema,
  greeting: z.string(),
  language: z.string(),
});
export type WidgetConfigResponse = z.infer<typeof widgetConfigResponseSchema>;

export const widgetFaqSchema = z.object({ id: z.string(), question: z.string(), answer: z.string() });
export const widgetFaqsResponseSchema = z.object({ items: z.array(widgetFaqSchema).max(5) });
export type WidgetFaq = z.infer<typeof widgetFaqSchema>;

export const widgetStatusResponseSchema = z.object({
  online: z.boolean(),
  /** null when the channel has no business hours configured. */
  withinBusinessHours: z.boolean().nullable(),
});
export type WidgetStatusResponse = z.infer<typeof widgetStatusResponseSchema>;

export const widgetAttachmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  url: z.string(),
});

/** What a visitor may see of a message: no internal ids, translations or delivery internals. */
export const visitorMessageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  direction: z.enum(['INBOUND', 'OUTBOUND']),
  senderType: z.enum(['CUSTOMER', 'AGENT', 'AI', 'SYSTEM']),
  content: z.string(),
  attachments: z.array(widgetAttachmentSchema),
  clientMessageId: z.string().nullable(),
  createdAt: z.string(),
});
export type VisitorMessage = z.infer<typeof visitorMessageSchema>;

/**
 * Where the visitor writes from, sent by the widget with the first message (CONTRACT §12). Every field is
 * optional and bounded; the page URL and referrer must be http(s) URLs.
 */
const webUrl = z.string().trim().max(2000).pipe(z.url({ protocol: /^https?$/, error: 'Must be an http(s) URL' }));
const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
export const visitorContextSchema = z.strictObject({
  pageUrl: webUrl.optional(),
  referrer: webUrl.optional(),
  /** A short summary such as "Chrome 120 on macOS" (not the raw user agent). */
  browser: z.string().trim().max(120).optional(),
  locale: z.string().trim().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'Must be a locale like "de-DE"').max(35).optional(),
  timeZone: z.string().trim().max(64).refine(isTimeZone, 'Must be an IANA time zone like "Europe/Berlin"').optional(),
});
export type VisitorContext = z.infer<typeof visitorContextSchema>;

export const widgetMessageBodySchema = z.strictObject({
  channelId: z.string().min(1),
  visitorId: visitorIdSchema,
  content: z.string().trim().min(1, 'Required').max(5000),
  /** `path`s answered by POST /api/widget/[channelId]/upload for this visitor. */
  attachments: z.array(z.string().min(1)).max(5).optional(),
  name: z.string().trim().min(1).max(120).optional(),
  email: z.email().max(254).optional(),
  clientMessageId: clientMessageIdSchema.optional(),
  /** Stored on a new conversation only (the first message). */
  context: visitorContextSchema.optional(),
});
export type WidgetMessageBody = z.infer<typeof widgetMessageBodySchema>;

export const widgetMessageResponseSchema = z.object({ conversationId: z.string(), message: visitorMessageSchema });
export type WidgetMessageResponse = z.infer<typeof widgetMessageResponseSchema>;

/** GET /api/widget/[channelId]/conversation?visitorId=… — history on reload and the poll fallback. */
export const widgetConversationResponseSchema = z.object({
  conversationId: z.string().nullable(),
  messages: z.array(visitorMessageSchema),
});
export type WidgetConversationResponse = z.infer<typeof widgetConversationResponseSchema>;

/**
 * POST /api/widget/[channelId]/identify — `HelpStack('identify', …)`. `userHash` is the hex HMAC-SHA256
 * of `userId` with the channel's identity secret; required when the channel has `identityVerification`.
 */
export const widgetIdentifyBodySchema = z.strictObject({
  visitorId: visitorIdSchema,
  userId: z.string().trim().min(1, 'Required').max(200),
  name: z.string().trim().min(1).max(120).optional(),
  email: z.email().max(254).optional(),
  userHash: z.string().trim().regex(/^[0-9a-fA-F]{64}$/, 'Must be a hex HMAC-SHA256 (64 characters)').optional(),
});
export type WidgetIdentifyBody = z.infer<typeof widgetIdentifyBodySchema>;
/** `verified`: the hash matched, so the visitor was linked to the customer with that user id or e-mail. */
export const widgetIdentifyResponseSchema = z.object({ verified: z.boolean(), name: z.string().nullable() });
export type WidgetIdentifyResponse = z.infer<typeof widgetIdentifyResponseSchema>;

/** POST /api/widget/[channelId]/email — the address a visitor leaves when nobody is online. */
export const widgetEmailBodySchema = z.strictObject({ visitorId: visitorIdSchema, email: z.email('Must be a valid email address').max(254) });
export type WidgetEmailBody = z.infer<typeof widgetEmailBodySchema>;
export const widgetEmailResponseSchema = z.object({ email: z.string() });

/** POST /api/widget/[channelId]/read — the HTTP twin of the socket's `read` frame. */
export const widgetReadBodySchema = z.strictObject({ visitorId: visitorIdSchema, messageId: z.string().min(1).max(100) });
export type WidgetReadBody = z.infer<typeof widgetReadBodySchema>;
export const widgetReadResponseSchema = z.object({ read: z.number().int() });

/** The agent upload's answer without its timestamp; `url` is the visitor's own download route. */
export const widgetUploadResponseSchema = mediaSchema.omit({ createdAt: true });
export type WidgetUploadResponse = z.infer<typeof widgetUploadResponseSchema>;

// ---- visitor WebSocket: GET /api/widget/[channelId]/ws?visitorId=… -------------------------------

/** Frames the widget sends. */
export const visitorClientFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('message'),
    data: z.object({
      clientMessageId: clientMessageIdSchema,
      content: z.string().trim().min(1).max(5000),
      attachments: z.array(z.string().min(1)).max(5).optional(),
      name: z.string().trim().min(1).max(120).optional(),
      email: z.email().max(254).optional(),
      context: visitorContextSchema.optional(),
    }),
  }),
  /** What the visitor has seen: every agent message up to this one becomes READ. */
  z.object({ type: z.literal('read'), data: z.object({ messageId: z.string().min(1).max(100) }) }),
  z.object({ type: z.literal('typing'), data: z.object({ typing: z.boolean() }) }),
  z.object({ type: z.literal('ping'), data: z.object({}).optional() }),
]);
export type VisitorClientFrame = z.infer<typeof visitorClientFrameSchema>;

/** Frames the server sends. `ready` comes first and carries the history (so a reload restores it). */
export type VisitorServerFrame =
  | { type: 'ready'; data: WidgetConversationResponse }
  | { type: 'message'; data: VisitorMessage }
  | { type: 'ack'; data: { clientMessageId: string; message: VisitorMessage } }
  | { type: 'typing'; data: { typing: boolean } }
  | { type: 'error'; data: { message: string; code: string; clientMessageId?: string } }
  | { type: 'pong'; data: Record<string, never> };
