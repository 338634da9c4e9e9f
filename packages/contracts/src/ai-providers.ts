import { z } from 'zod';

export const aiProviderTypes = ['OPENAI', 'ANTHROPIC', 'GOOGLE', 'OPENAI_COMPATIBLE'] as const;
export const aiProviderTypeSchema = z.enum(aiProviderTypes);
export type AiProviderType = z.infer<typeof aiProviderTypeSchema>;

/** The types that cannot work without a key (CONTRACT §8.1); OPENAI_COMPATIBLE servers often need none. */
export const aiProviderTypesNeedingKey: readonly AiProviderType[] = ['OPENAI', 'ANTHROPIC', 'GOOGLE'];

/** The API key is write-only: a response says only whether one is stored. */
export const aiProviderSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: aiProviderTypeSchema,
  model: z.string(),
  baseUrl: z.string().nullable(),
  isDefault: z.boolean(),
  hasApiKey: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AiProvider = z.infer<typeof aiProviderSchema>;

const fields = {
  name: z.string().trim().min(1, 'Required').max(120),
  type: aiProviderTypeSchema,
  model: z.string().trim().min(1, 'Required').max(200),
  apiKey: z.string().trim().min(1, 'Required').max(4096),
  /** Checked against the outbound-URL guard by the server (CONTRACT §8.6). */
  baseUrl: z.string().trim().min(1, 'Required').max(2048),
  isDefault: z.boolean(),
};

/** What a type requires, as `fields` errors; used on create and on the merged result of a PATCH. */
export function aiProviderRequirementErrors(p: { type: AiProviderType; hasApiKey: boolean; baseUrl: string | null | undefined }) {
  const errors: Record<string, string[]> = {};
  if (aiProviderTypesNeedingKey.includes(p.type) && !p.hasApiKey) errors.apiKey = [`An API key is required for ${p.type}`];
  if (p.type === 'OPENAI_COMPATIBLE' && !p.baseUrl) errors.baseUrl = ['A base URL is required for OPENAI_COMPATIBLE'];
  return errors;
}

export const createAiProviderBodySchema = z
  .strictObject({
    name: fields.name,
    type: fields.type,
    model: fields.model,
    apiKey: fields.apiKey.optional(),
    baseUrl: fields.baseUrl.nullable().optional(),
    isDefault: fields.isDefault.optional(),
  })
  .superRefine((body, ctx) => {
    const errors = aiProviderRequirementErrors({ type: body.type, hasApiKey: Boolean(body.apiKey), baseUrl: body.baseUrl });
    for (const [path, [message]] of Object.entries(errors)) ctx.addIssue({ code: 'custom', path: [path], message: message! });
  });
export type CreateAiProviderBody = z.infer<typeof createAiProviderBodySchema>;

/** Partial; `apiKey: null` removes the stored key, `baseUrl: null` goes back to the vendor's default. */
export const updateAiProviderBodySchema = z.strictObject({
  name: fields.name.optional(),
  type: fields.type.optional(),
  model: fields.model.optional(),
  apiKey: fields.apiKey.nullable().optional(),
  baseUrl: fields.baseUrl.nullable().optional(),
  isDefault: fields.isDefault.optional(),
});
export type UpdateAiProviderBody = z.infer<typeof updateAiProviderBodySchema>;

/** `POST /api/ai-providers/[id]/test`: one tiny call. */
export const aiProviderTestResultSchema = z.object({ ok: z.literal(true), model: z.string(), latencyMs: z.number().int() });
export type AiProviderTestResult = z.infer<typeof aiProviderTestResultSchema>;
