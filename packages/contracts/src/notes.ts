import { z } from 'zod';
import { messageContentSchema } from './conversations.ts';

/**
 * CONTRACT §12 POST /api/conversations/[id]/notes. Members are mentioned by `@<name>` in `content`
 * (the server resolves them); `mentions` may also name user ids directly (the dashboard's autocomplete sends
 * them, so two members with similar names are never confused). Both are merged; a non-member is a 400.
 */
export const createNoteBodySchema = z.strictObject({
  content: messageContentSchema,
  mentions: z.array(z.string().min(1).max(100)).max(50, 'At most 50 mentions').optional(),
});
export type CreateNoteBody = z.infer<typeof createNoteBodySchema>;
