import { z } from 'zod';
import { messageContentSchema } from './conversations.ts';
import { cursorQuerySchema } from './customers.ts';

export const messageDirections = ['INBOUND', 'OUTBOUND'] as const;
export const senderTypes = ['CUSTOMER', 'AGENT', 'AI', 'SYSTEM'] as const;
export const messageStatuses = ['PENDING', 'SENT', 'DELIVERED', 'FAILED', 'READ'] as const;
/** CONTRACT §8.3: where the automatic translation of a message stands. */
export const translationStatuses = ['NONE', 'PENDING', 'DONE', 'FAILED'] as const;

export const messageAttachmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  /** `/api/media/<id>?download=1` */
  url: z.string(),
});
export type MessageAttachmentView = z.infer<typeof messageAttachmentSchema>;

/** CONTRACT §3. */
export const messageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  direction: z.enum(messageDirections),
  senderType: z.enum(senderTypes),
  authorId: z.string().nullable(),
  content: z.string(),
  translatedContent: z.string().nullable(),
  language: z.string().nullable(),
  translatedLanguage: z.string().nullable(),
  translationStatus: z.enum(translationStatuses),
  /** What the agent typed when `autoEnhance` rewrote it into `content`; null otherwise. */
  originalContent: z.string().nullable(),
  approved: z.boolean(),
  status: z.enum(messageStatuses),
  /** Why the last delivery attempt failed (FAILED, or retrying), for the agent; null otherwise. */
  error: z.string().nullable(),
  attempts: z.number().int(),
  attachments: z.array(messageAttachmentSchema),
  /**
   * CONTRACT §12: a private note (`senderType: "AGENT"`) or activity line (`"SYSTEM"`) — agents only, never
   * delivered to the customer nor shown to the visitor.
   */
  private: z.boolean(),
  /** User ids a private note mentions; empty otherwise. */
  mentions: z.array(z.string()),
  /**
   * An inbound e-mail's own subject and whole body as sanitised HTML (no scripts, styles, forms or remote
   * images; quoted history included, for the dashboard to collapse); null for other messages.
   */
  email: z.object({ subject: z.string().nullable(), html: z.string().nullable() }).nullable(),
  createdAt: z.string(),
});
export type Message = z.infer<typeof messageSchema>;

export const MAX_ATTACHMENTS = 10;

/** The reference's sendMessageSchema: `conversationId` must equal the route's id. */
export const sendMessageBodySchema = z.strictObject({
  conversationId: z.string().min(1, 'Required').max(100),
  content: messageContentSchema,
  /** Media `path`s (from POST /api/media/upload) of this organization. */
  attachments: z.array(z.string().min(1).max(300)).max(MAX_ATTACHMENTS, `At most ${MAX_ATTACHMENTS} attachments`).optional(),
});
export type SendMessageBody = z.infer<typeof sendMessageBodySchema>;

export const messageListQuerySchema = cursorQuerySchema;
export type MessageListQuery = z.infer<typeof messageListQuerySchema>;

/** CONTRACT §8.4 POST /api/messages/[id]/generate-reply. */
export const generateReplyBodySchema = z.strictObject({
  instructions: z.string().trim().max(2000, 'At most 2000 characters').optional(),
});
export type GenerateReplyBody = z.infer<typeof generateReplyBodySchema>;

export const generatedReplySchema = z.object({
  content: z.string(),
  /** The agent language: the language of `content`. */
  language: z.string(),
  translatedContent: z.string().nullable(),
  translatedLanguage: z.string().nullable(),
  toolCalls: z.array(z.object({ toolId: z.string().nullable(), name: z.string(), status: z.string() })),
  tokensCharged: z.number().int(),
});
export type GeneratedReply = z.infer<typeof generatedReplySchema>;

/** CONTRACT §8.4 POST /api/messages/[id]/retranslate. */
export const retranslateBodySchema = z.strictObject({
  targetLanguage: z.string().trim().min(2, 'Must be a language code like "en"').max(16, 'Must be a language code like "en"').optional(),
});
export type RetranslateBody = z.infer<typeof retranslateBodySchema>;
