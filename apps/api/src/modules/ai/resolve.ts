import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { channels, organizations } from '../../db/schema/index.ts';
import { AiNotConfiguredError, NotFoundError } from '../../lib/errors.ts';
import { findProvider, type AiProviderWithDefault } from '../ai-providers/queries.ts';

/**
 * Which provider serves a call (CONTRACT §8.1): an explicit one, else the channel's `aiProviderId`, else
 * the organization's default. Lookups are scoped to the organization, so a stale or foreign id on a
 * channel simply falls through to the default.
 */
export async function resolveProvider(
  db: Executor,
  params: { organizationId: string; channelId?: string | null; providerId?: string },
): Promise<AiProviderWithDefault> {
  const { organizationId } = params;
  if (params.providerId) {
    const explicit = await findProvider(db, { organizationId, id: params.providerId });
    if (!explicit) throw new NotFoundError('AI provider');
    return explicit;
  }
  if (params.channelId) {
    const [channel] = await db
      .select({ aiProviderId: channels.aiProviderId })
      .from(channels)
      .where(and(eq(channels.organizationId, organizationId), eq(channels.id, params.channelId)))
      .limit(1);
    const chosen = channel?.aiProviderId ? await findProvider(db, { organizationId, id: channel.aiProviderId }) : null;
    if (chosen) return chosen;
  }
  const [org] = await db
    .select({ defaultId: organizations.defaultAiProviderId })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
  const fallback = org?.defaultId ? await findProvider(db, { organizationId, id: org.defaultId }) : null;
  if (!fallback) throw new AiNotConfiguredError();
  return fallback;
}

export async function tokenBalance(db: Executor, organizationId: string) {
  const [org] = await db.select({ balance: organizations.tokenBalance }).from(organizations).where(eq(organizations.id, organizationId)).limit(1);
  return org?.balance ?? 0;
}
