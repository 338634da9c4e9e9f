import type { FastifyInstance } from 'fastify';
import type { AgentToolSecrets } from '../../db/schema/index.ts';

/** The AAD that binds the envelope to its tool row: a ciphertext copied onto another row does not decrypt. */
const secretsContext = (toolId: string) => `agent_tools.secrets:${toolId}`;

export const encryptToolSecrets = (crypto: FastifyInstance['crypto'], toolId: string, secrets: AgentToolSecrets) =>
  crypto.encryptJson(secrets, secretsContext(toolId));

/** The plaintext header values and auth secret, for the call only. */
export function decryptToolSecrets(crypto: FastifyInstance['crypto'], row: { id: string; secrets: string | null }): AgentToolSecrets {
  if (!row.secrets) return { headers: {}, authSecret: null };
  return crypto.decryptJson<AgentToolSecrets>(row.secrets, secretsContext(row.id));
}
