import { z } from 'zod';

/** What an AI call was made for; `ai_usage.feature` and the usage report group by it. */
export const aiFeatures = ['TRANSLATION', 'ENHANCEMENT', 'SUGGESTION', 'AUTO_REPLY', 'FAQ_GENERATION', 'PROVIDER_TEST'] as const;
export const aiFeatureSchema = z.enum(aiFeatures);
export type AiFeature = z.infer<typeof aiFeatureSchema>;

export const aiUsageQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30),
});
export type AiUsageQuery = z.infer<typeof aiUsageQuerySchema>;

/** One day (UTC, `YYYY-MM-DD`) and feature. */
export const aiUsageRowSchema = z.object({
  day: z.string(),
  feature: z.string(),
  calls: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  totalTokens: z.number().int(),
  planTokens: z.number().int(),
});
export type AiUsageRow = z.infer<typeof aiUsageRowSchema>;

/** `GET /api/organization/ai-usage?days=30`: newest day first. */
export const aiUsageReportSchema = z.object({
  days: z.number().int(),
  since: z.string(),
  items: z.array(aiUsageRowSchema),
});
export type AiUsageReport = z.infer<typeof aiUsageReportSchema>;
