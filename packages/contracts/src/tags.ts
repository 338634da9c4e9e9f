import { z } from 'zod';
import { tagPalette } from './constants.ts';

export { tagPalette };

/** CONTRACT §12: a label on conversations. */
export const tagSchema = z.object({
  id: z.string(),
  /** Unique per organization, whatever its case. */
  name: z.string(),
  /** A palette name or `#rrggbb` (lower case). */
  color: z.string(),
});
export type Tag = z.infer<typeof tagSchema>;

const name = z.string().trim().min(1, 'Required').max(50, 'At most 50 characters');
const color = z
  .string()
  .trim()
  .toLowerCase()
  .refine((c) => (tagPalette as readonly string[]).includes(c) || /^#[0-9a-f]{6}$/.test(c), {
    message: `One of ${tagPalette.join(', ')} or #rrggbb`,
  });

export const createTagBodySchema = z.strictObject({ name, color: color.default('gray') });
export type CreateTagBody = z.infer<typeof createTagBodySchema>;

export const updateTagBodySchema = z.strictObject({ name: name.optional(), color: color.optional() });
export type UpdateTagBody = z.infer<typeof updateTagBodySchema>;
