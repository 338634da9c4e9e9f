import { z } from 'zod';
import { SAVED_REPLY_VARIABLE_PATTERN, SAVED_REPLY_VARIABLES } from './saved-reply-variables.ts';

/** CONTRACT §12: a canned answer the composer offers on `/`. */
export const savedReplySchema = z.object({
  id: z.string(),
  /** Lower case letters, digits, `-` and `_`: what the agent types after `/`. Unique per organization. */
  shortcut: z.string(),
  title: z.string(),
  /** May use `{{customer.name}}`, `{{agent.name}}`, `{{conversation.id}}` (expanded by the composer). */
  content: z.string(),
  /** null: offered on every channel; otherwise on that channel's conversations only. */
  channelId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedReply = z.infer<typeof savedReplySchema>;

const shortcut = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Required')
  .max(32, 'At most 32 characters')
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Letters, digits, "-" and "_" only, starting with a letter or digit');
const title = z.string().trim().min(1, 'Required').max(200, 'At most 200 characters');
const content = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(5000, 'At most 5000 characters')
  .refine((text) => [...text.matchAll(SAVED_REPLY_VARIABLE_PATTERN)].every((m) => (SAVED_REPLY_VARIABLES as readonly string[]).includes(m[1]!)), {
    message: `Unknown variable: use ${SAVED_REPLY_VARIABLES.map((v) => `{{${v}}}`).join(', ')}`,
  });

export const createSavedReplyBodySchema = z.strictObject({
  shortcut,
  title,
  content,
  channelId: z.string().min(1).max(100).nullable().optional(),
});
export type CreateSavedReplyBody = z.infer<typeof createSavedReplyBodySchema>;

export const updateSavedReplyBodySchema = z.strictObject({
  shortcut: shortcut.optional(),
  title: title.optional(),
  content: content.optional(),
  channelId: z.string().min(1).max(100).nullable().optional(),
});
export type UpdateSavedReplyBody = z.infer<typeof updateSavedReplyBodySchema>;

/** GET /api/saved-replies?channelId=: a channel's own and the organization-wide ones; all without it. */
export const listSavedRepliesQuerySchema = z.object({ channelId: z.string().min(1).max(100).optional() });
