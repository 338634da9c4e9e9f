import type { AiProvider } from '@helpstack/contracts';
import type { AiProviderWithDefault } from './queries.ts';

/** The key itself never leaves the server: only whether one is stored. */
export const toAiProvider = (r: AiProviderWithDefault): AiProvider => ({
  id: r.id,
  name: r.name,
  type: r.type,
  model: r.model,
  baseUrl: r.baseUrl,
  isDefault: r.defaultId === r.id,
  hasApiKey: r.apiKey !== null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
