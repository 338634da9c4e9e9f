import type { ChannelCredentials, ChannelType } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';

/**
 * Sealing and opening a channel's credentials. Its own file because providers (webhook verification,
 * delivery) open credentials while the channel service reads the provider registry: neither may import
 * the other.
 */

/** The AAD that binds a ciphertext to its row: credentials copied onto another channel do not decrypt. */
export const credentialsContext = (channelId: string) => `channels.credentials:${channelId}`;

/** The plaintext credentials of a channel row — for delivery adapters and webhook verification only. */
export function decryptCredentials<T extends ChannelType>(
  crypto: FastifyInstance['crypto'],
  row: { id: string; type: T; credentials: string },
): ChannelCredentials[T] {
  return crypto.decryptJson<ChannelCredentials[T]>(row.credentials, credentialsContext(row.id));
}
