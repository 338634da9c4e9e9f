import type { FastifyInstance } from 'fastify';

/**
 * Seam for the AI work: translate a reply that waits for approval into the customer's language (and
 * re-run it for `retranslate`). Until that lands it does nothing: the reply waits with its original
 * text, and approving it sends that text.
 */
export async function requestTranslation(_app: FastifyInstance, _message: { id: string; organizationId: string; conversationId: string }): Promise<void> {}
