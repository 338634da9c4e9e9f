import { z } from 'zod';

/** The upload answer of CONTRACT §3 and GET /api/media/[id]; `path` is what send-message `attachments` takes. */
export const mediaSchema = z.object({
  id: z.string(),
  path: z.string(),
  /** `/api/media/<id>?download=1` */
  url: z.string(),
  name: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});
export type Media = z.infer<typeof mediaSchema>;

export const mediaQuerySchema = z.object({
  /** `1` answers the file bytes instead of the metadata envelope. */
  download: z.enum(['1', '0', 'true', 'false'], 'Must be 1 or 0').optional().transform((v) => v === '1' || v === 'true'),
});

export const mediaDownloadUrl = (id: string) => `/api/media/${encodeURIComponent(id)}?download=1`;
