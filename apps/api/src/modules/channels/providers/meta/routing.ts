import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { decryptCredentials } from '../../credentials-crypto.ts';
import { metaProviders, type MetaEntry, type MetaProvider } from './payload.ts';
import { findOwningChannels, type OwningChannel } from './queries.ts';
import { verifyHubSignature } from './signature.ts';

/** A queued delivery: entries already routed, each to the one channel that owns its account and signed for it. */
export const metaJobSchema = z.object({
  provider: z.enum(metaProviders),
  entries: z.array(z.object({ channelId: z.string(), accountId: z.string(), entry: z.record(z.string(), z.unknown()) })),
});
export type MetaJob = z.infer<typeof metaJobSchema>;
export type RoutedEntry = MetaJob['entries'][number];

/**
 * The secret a channel's deliveries are signed with: its own appSecret, else META_APP_SECRET. undefined
 * when there is none, or when its credentials cannot be decrypted (wrong ENCRYPTION_KEY, corrupted row):
 * such a channel is unverifiable, which must not turn the request into a 500.
 */
function signingSecretOf(app: FastifyInstance, channel: OwningChannel): string | undefined {
  if (channel.credentialsSummary.hasAppSecret !== true) return app.config.META_APP_SECRET;
  try {
    const { appSecret } = decryptCredentials(app.crypto, channel) as { appSecret?: string };
    return appSecret;
  } catch {
    app.log.warn({ channelId: channel.id }, 'webhook: channel credentials cannot be decrypted; its entries are dropped');
    return undefined;
  }
}

/**
 * CONTRACT §10 "Inbound routing": each entry goes only to the channel that owns its account, and only if
 * the request is signed with that channel's secret. `authentic` is false when no candidate secret
 * (META_APP_SECRET or an owning channel's) verifies — the request is then refused as a whole.
 */
export async function routeDelivery(
  app: FastifyInstance,
  params: { provider: MetaProvider; raw: Buffer; signature: string; entries: MetaEntry[] },
): Promise<{ authentic: boolean; routed: RoutedEntry[] }> {
  const { provider, raw, signature, entries } = params;
  const owners = await findOwningChannels(app.db, { provider, accountIds: [...new Set(entries.map((e) => e.accountId))] });
  // One HMAC per distinct secret, however many channels share it.
  const verdicts = new Map<string, boolean>();
  const signedWith = (secret: string | undefined) => {
    if (!secret) return false;
    if (!verdicts.has(secret)) verdicts.set(secret, verifyHubSignature(raw, signature, [secret]));
    return verdicts.get(secret)!;
  };
  const ownerOf = new Map(owners.map((channel) => [channel.accountId, { channel, verified: signedWith(signingSecretOf(app, channel)) }]));
  const authentic = signedWith(app.config.META_APP_SECRET) || [...ownerOf.values()].some((o) => o.verified);
  if (!authentic) return { authentic, routed: [] };

  const routed: RoutedEntry[] = [];
  for (const { accountId, entry } of entries) {
    const owner = ownerOf.get(accountId);
    if (!owner) continue; // no channel has this account: nothing to store
    if (!owner.verified) {
      app.log.warn({ provider, accountId }, 'webhook: entry dropped, the signature is not its channel\'s');
      continue;
    }
    routed.push({ channelId: owner.channel.id, accountId, entry });
  }
  return { authentic, routed };
}
