import { z } from 'zod';

/** Error codes of CONTRACT §1, one per HTTP status the API answers with. */
export const errorCodes = [
  'VALIDATION_ERROR',
  'UNAUTHORIZED',
  'INSUFFICIENT_TOKENS',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'UPSTREAM_ERROR',
  /** 400: an AI feature with no provider for the channel or organization (CONTRACT §8.1). */
  'AI_NOT_CONFIGURED',
  'INTERNAL_ERROR',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const errorEnvelopeSchema = z.object({
  success: z.literal(false),
  error: z.object({
    message: z.string(),
    code: z.enum(errorCodes),
    fields: z.record(z.string(), z.array(z.string())).optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

export const okEnvelope = <T extends z.ZodType>(data: T) => z.object({ success: z.literal(true), data });
export type OkEnvelope<T> = { success: true; data: T };

export const paginationSchema = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  totalPages: z.number().int(),
  nextCursor: z.string().nullable(),
  /** Present (true) when `total` is a lower bound rather than an exact count (docs/CONTRACT.md §1). */
  totalIsEstimate: z.literal(true).optional(),
});
export type Pagination = z.infer<typeof paginationSchema>;

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), pagination: paginationSchema });
export type List<T> = { items: T[]; pagination: Pagination };

/** page/pageSize of CONTRACT §1: page from 1, pageSize default 20, clamped (not rejected) to 100. */
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .default(20)
    .transform((n) => Math.min(n, 100)),
});
