import { z } from 'zod';

export const faqSchema = z.object({
  id: z.string(),
  channelId: z.string().nullable(),
  question: z.string(),
  answer: z.string(),
  order: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Faq = z.infer<typeof faqSchema>;

const question = z.string().trim().min(1, 'Required').max(500);
const answer = z.string().trim().min(1, 'Required').max(5000);

export const createFaqBodySchema = z.strictObject({
  /** null or absent: an organization-wide FAQ shown on every channel. */
  channelId: z.string().min(1).nullable().optional(),
  question,
  answer,
  order: z.number().int().min(0).max(1_000_000).optional(),
});
export type CreateFaqBody = z.infer<typeof createFaqBodySchema>;

export const updateFaqBodySchema = z.strictObject({
  channelId: z.string().min(1).nullable().optional(),
  question: question.optional(),
  answer: answer.optional(),
  order: z.number().int().min(0).max(1_000_000).optional(),
});
export type UpdateFaqBody = z.infer<typeof updateFaqBodySchema>;

export const reorderFaqsBodySchema = z.strictObject({
  ids: z
    .array(z.string().min(1))
    .min(1, 'At least one id')
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, 'Ids must be unique'),
});

export const listFaqsQuerySchema = z.object({ channelId: z.string().min(1).optional() });

/** CONTRACT §8.4 POST /api/faqs/generate: proposals only, nothing is saved. */
export const generateFaqsBodySchema = z.strictObject({
  channelId: z.string().min(1).max(100).optional(),
  count: z.number({ error: 'Must be a whole number from 1 to 10' }).int('Must be a whole number from 1 to 10').min(1, 'At least 1').max(10, 'At most 10').default(5),
});
export type GenerateFaqsBody = z.infer<typeof generateFaqsBodySchema>;

export const faqProposalSchema = z.object({ question: z.string(), answer: z.string() });
export const generatedFaqsSchema = z.object({ items: z.array(faqProposalSchema) });
export type GeneratedFaqs = z.infer<typeof generatedFaqsSchema>;
