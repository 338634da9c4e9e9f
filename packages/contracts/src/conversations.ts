import { z } from 'zod';
import { visitorContextSchema } from './widget.ts';
import { tagSchema } from './tags.ts';
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
  /** Where a widget visitor wrote from (CONTRACT §12); null for other channels. */
  context: visitorContextSchema.nullable(),
  unread: z.boolean(),
  unreadCount: z.number().int(),
  lastMessageAt: z.string(),
  lastMessagePreview: z.string().nullable(),
  /** CONTRACT §12: its tags, by name. */
  tags: z.array(tagSchema),
  /** Snoozed (status PENDING) until then; null when not snoozed. */
  snoozedUntil: z.string().nullable(),
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

export const SNOOZE_MAX_MS = 366 * 24 * 3600 * 1000;
const snoozeUntil = z.iso
  .datetime({ offset: true, message: 'Must be an ISO date-time' })
  .refine((v) => Date.parse(v) > Date.now(), 'Must be in the future')
  .refine((v) => Date.parse(v) <= Date.now() + SNOOZE_MAX_MS, 'At most a year ahead');

export const updateConversationBodySchema = z.strictObject({
  status: conversationStatusSchema.optional(),
  priority: prioritySchema.optional(),
  /** A user id (`userId` of /api/members) of this organization; null unassigns. */
  assignedToId: z.string().min(1).max(100).nullable().optional(),
  language: language.nullable().optional(),
  notes: notes.nullable().optional(),
  subject: subject.nullable().optional(),
  /** Replaces its tags: ids of this organization's tags (at most 20). */
  tagIds: z.array(z.string().min(1).max(100)).max(20, 'At most 20 tags').optional(),
  /** Snooze until then (status PENDING; a job reopens it): a future time at most a year ahead. null unsnoozes. */
  snoozedUntil: snoozeUntil.nullable().optional(),
});
export type UpdateConversationBody = z.infer<typeof updateConversationBodySchema>;

const booleanQuery = z.enum(['true', 'false'], 'Must be true or false').transform((v) => v === 'true');

const listTime = z.iso.datetime({ offset: true, message: 'Must be an ISO date-time' });

export const conversationListQuerySchema = cursorQuerySchema.extend({
  /** `ALL` (the same as leaving it out): every status, e.g. a search across the tabs. */
  status: z.enum([...conversationStatuses, 'ALL']).optional(),
  channelId: z.string().min(1).max(100).optional(),
  unread: booleanQuery.optional(),
  /** A user id, `me` (the caller) or `none` (unassigned). */
  assignedToId: z.string().min(1).max(100).optional(),
  language: language.optional(),
  /** A tag id; repeated (`tag=a&tag=b`): conversations carrying all of them. */
  tag: z.union([z.string().min(1).max(100), z.array(z.string().min(1).max(100)).max(10, 'At most 10 tags')])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional(),
  /** true: snoozed ones only (the Snoozed view); false: none of them. */
  snoozed: booleanQuery.optional(),
  /** Words matched as prefixes against subject, customer name/email and message text. */
  search: z.string().max(200).optional(),
  /** Last activity (`lastMessageAt`) at or after this ISO date-time. */
  since: listTime.optional(),
  /** Last activity before this ISO date-time (exclusive). */
  until: listTime.optional(),
}).refine((q) => !q.since || !q.until || Date.parse(q.since) < Date.parse(q.until), { path: ['until'], message: 'Must be after since' });
export type ConversationListQuery = z.infer<typeof conversationListQuerySchema>;

const bulkIds = z.array(z.string().min(1).max(100)).min(1, 'At least one id').max(100, 'At most 100 ids');
export const bulkReadBodySchema = z.strictObject({ ids: bulkIds });
export type BulkReadBody = z.infer<typeof bulkReadBodySchema>;

/** The ids, of those sent, that belong to the organization and are now read. */
export const bulkReadResultSchema = z.object({ ids: z.array(z.string()) });
export type BulkReadResult = z.infer<typeof bulkReadResultSchema>;

/** CONTRACT §12 bulk actions: one change applied to many conversations. */
export const bulkActionBodySchema = z.discriminatedUnion('action', [
  z.strictObject({ ids: bulkIds, action: z.literal('status'), value: conversationStatusSchema }),
  z.strictObject({ ids: bulkIds, action: z.literal('priority'), value: prioritySchema }),
  /** A member's user id; null unassigns. */
  z.strictObject({ ids: bulkIds, action: z.literal('assign'), value: z.string().min(1).max(100).nullable() }),
  /** A tag id of this organization. */
  z.strictObject({ ids: bulkIds, action: z.literal('tag'), value: z.string().min(1).max(100) }),
  z.strictObject({ ids: bulkIds, action: z.literal('untag'), value: z.string().min(1).max(100) }),
]);
export type BulkActionBody = z.infer<typeof bulkActionBodySchema>;
/** The ids, of those sent, that belong to the organization (others are dropped, as bulk-read). */
export const bulkActionResultSchema = z.object({ ids: z.array(z.string()) });

const bucketSchema = z.object({ total: z.number().int(), unread: z.number().int(), mine: z.number().int(), unassigned: z.number().int() });
/** GET /api/conversations/counts: per status tab, how many conversations, unread, mine and unassigned. */
export const conversationCountsSchema = z.object({
  OPEN: bucketSchema,
  PENDING: bucketSchema,
  CLOSED: bucketSchema,
  ARCHIVED: bucketSchema,
});
export type ConversationCounts = z.infer<typeof conversationCountsSchema>;
