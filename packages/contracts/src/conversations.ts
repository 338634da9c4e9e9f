import { z } from 'zod';
import { customerInputSchema, customerSummarySchema, cursorQuerySchema } from './customers.ts';

export const conversationStatuses = ['OPEN', 'PENDING', 'CLOSED', 'ARCHIVED'] as const;
export const conversationStatusSchema = z.enum(conversationStatuses);
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;

export const priorities = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const;
export const prioritySchema = z.enum(priorities);
export type Priority = z.infer<typeof prioritySchema>;

const language = z.string().trim().min(2, 'Must be a language code').max(16);
const subject = z.string().trim().max(500);
const notes = z.string().max(20_000);
export const MESSAGE_MAX_CHARS = 20_000;
/** Kept as typed (no trimming), but never blank. */
export const messageContentSchema = z
  .string()
  .min(1, 'Must not be empty')
  .max(MESSAGE_MAX_CHARS)
  .refine((s) => s.trim().length > 0, 'Must not be blank');

/** CONTRACT §3. `unread` is `unreadCount > 0`. */
export const conversationSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  customer: customerSummarySchema.nullable(),
  subject: z.string().nullable(),
  status: conversationStatusSchema,
  priority: prioritySchema,
  assignedToId: z.string().nullable(),
  language: z.string().nullable(),
  notes: z.string().nullable(),
  unread: z.boolean(),
  unreadCount: z.number().int(),
  lastMessageAt: z.string(),
  lastMessagePreview: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const createConversationBodySchema = z.strictObject({
  channelId: z.string().min(1, 'Required').max(100),
  customer: customerInputSchema.optional(),
  subject: subject.optional(),
  language: language.optional(),
  priority: prioritySchema.optional(),
  status: z.enum(['OPEN', 'PENDING']).optional(),
  /** Becomes the first OUTBOUND message (and costs what a send costs). */
  content: messageContentSchema.optional(),
});
export type CreateConversationBody = z.infer<typeof createConversationBodySchema>;

export const updateConversationBodySchema = z.strictObject({
  status: conversationStatusSchema.optional(),
  priority: prioritySchema.optional(),
  /** A user id (`userId` of /api/members) of this organization; null unassigns. */
  assignedToId: z.string().min(1).max(100).nullable().optional(),
  language: language.nullable().optional(),
  notes: notes.nullable().optional(),
  subject: subject.nullable().optional(),
});
export type UpdateConversationBody = z.infer<typeof updateConversationBodySchema>;

const booleanQuery = z.enum(['true', 'false'], 'Must be true or false').transform((v) => v === 'true');

export const conversationListQuerySchema = cursorQuerySchema.extend({
  status: conversationStatusSchema.optional(),
  channelId: z.string().min(1).max(100).optional(),
  unread: booleanQuery.optional(),
  /** A user id, `me` (the caller) or `none` (unassigned). */
  assignedToId: z.string().min(1).max(100).optional(),
  language: language.optional(),
  /** Words matched as prefixes against subject, customer name/email and message text. */
  search: z.string().max(200).optional(),
});
export type ConversationListQuery = z.infer<typeof conversationListQuerySchema>;

export const bulkReadBodySchema = z.strictObject({
  ids: z.array(z.string().min(1).max(100)).min(1, 'At least one id').max(100, 'At most 100 ids'),
});
export type BulkReadBody = z.infer<typeof bulkReadBodySchema>;

/** The ids, of those sent, that belong to the organization and are now read. */
export const bulkReadResultSchema = z.object({ ids: z.array(z.string()) });
export type BulkReadResult = z.infer<typeof bulkReadResultSchema>;

const bucketSchema = z.object({ total: z.number().int(), unread: z.number().int(), mine: z.number().int(), unassigned: z.number().int() });
/** GET /api/conversations/counts: per status tab, how many conversations, unread, mine and unassigned. */
export const conversationCountsSchema = z.object({
  OPEN: bucketSchema,
  PENDING: bucketSchema,
  CLOSED: bucketSchema,
  ARCHIVED: bucketSchema,
});
export type ConversationCounts = z.infer<typeof conversationCountsSchema>;
