import type { FastifyInstance } from 'fastify';

/** The AAD that binds a stored key to its provider row: a ciphertext copied onto another row does not decrypt. */
export const apiKeyContext = (providerId: string) => `ai_providers.api_key:${providerId}`;

export const encryptApiKey = (crypto: FastifyInstance['crypto'], providerId: string, apiKey: string) =>
  crypto.encryptJson({ apiKey }, apiKeyContext(providerId));

/** The plaintext key, for the AI port only; null when the provider has none. */
export function decryptApiKey(crypto: FastifyInstance['crypto'], row: { id: string; apiKey: string | null }): string | null {
  if (!row.apiKey) return null;
  return crypto.decryptJson<{ apiKey: string }>(row.apiKey, apiKeyContext(row.id)).apiKey;
}
