import { z } from 'zod';
import { pageQuerySchema } from './envelope.ts';

/** Lower-cased and trimmed: the per-organization uniqueness of emails is case-insensitive. */
export const customerEmailSchema = z.string().trim().max(254).pipe(z.email('Must be a valid email address')).transform((s) => s.toLowerCase());
/** Digits with an optional leading +; spaces, dots, dashes and brackets are dropped so "+1 (555) 010" matches "+1555010". */
export const customerPhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[\d\s().-]{3,40}$/, 'Must be a phone number')
  .transform((s) => s.replace(/[\s().-]/g, ''))
  .refine((s) => /^\+?\d{3,20}$/.test(s), 'Must be a phone number');
const customerName = z.string().trim().min(1, 'Required').max(200);
const language = z.string().trim().min(2, 'Must be a language code').max(16);

/** How a conversation shows its customer. */
export const customerSummarySchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** Avatar colour (hex) of a visitor whose name was generated ("Blue Otter"); null otherwise. */
  color: z.string().nullable(),
});
export type CustomerSummary = z.infer<typeof customerSummarySchema>;

export const customerSchema = customerSummarySchema.extend({
  avatarUrl: z.string().nullable(),
  language: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Customer = z.infer<typeof customerSchema>;

/** Who writes in, as an agent enters it when creating a conversation. */
export const customerInputSchema = z.strictObject({
  name: customerName.optional(),
  email: customerEmailSchema.optional(),
  phone: customerPhoneSchema.optional(),
});
export type CustomerInput = z.infer<typeof customerInputSchema>;

const METADATA_MAX_CHARS = 16 * 1024;

export const updateCustomerBodySchema = z.strictObject({
  name: customerName.nullable().optional(),
  email: customerEmailSchema.nullable().optional(),
  phone: customerPhoneSchema.nullable().optional(),
  language: language.nullable().optional(),
  metadata: z
    .record(z.string(), z.unknown())
    .refine((m) => JSON.stringify(m).length <= METADATA_MAX_CHARS, `Must be at most ${METADATA_MAX_CHARS} characters as JSON`)
    .optional(),
});
export type UpdateCustomerBody = z.infer<typeof updateCustomerBodySchema>;

/** `cursor` is the previous page's `nextCursor` (keyset paging; `page` is then ignored). */
export const cursorQuerySchema = pageQuerySchema.extend({
  cursor: z.string().min(1).max(200).optional(),
});

export const customerListQuerySchema = cursorQuerySchema.extend({
  search: z.string().trim().max(100).optional(),
});
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>;
