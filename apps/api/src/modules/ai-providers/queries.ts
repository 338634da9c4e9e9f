import { and, asc, eq, getTableColumns, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { aiProviders, channels, organizations } from '../../db/schema/index.ts';

export type AiProviderRow = typeof aiProviders.$inferSelect;
type Scope = { organizationId: string };

/** Rows with `defaultId`, the organization's default provider, so a serializer can tell `isDefault`. */
const withDefault = { ...getTableColumns(aiProviders), defaultId: organizations.defaultAiProviderId };
export type AiProviderWithDefault = AiProviderRow & { defaultId: string | null };

export async function listProviders(db: Executor, { organizationId }: Scope): Promise<AiProviderWithDefault[]> {
  return db
    .select(withDefault)
    .from(aiProviders)
    .innerJoin(organizations, eq(organizations.id, aiProviders.organizationId))
    .where(eq(aiProviders.organizationId, organizationId))
    .orderBy(asc(aiProviders.createdAt), asc(aiProviders.id))
    .limit(500);
}

export async function findProvider(db: Executor, { organizationId, id }: Scope & { id: string }): Promise<AiProviderWithDefault | null> {
  const [row] = await db
    .select(withDefault)
    .from(aiProviders)
    .innerJoin(organizations, eq(organizations.id, aiProviders.organizationId))
    .where(and(eq(aiProviders.organizationId, organizationId), eq(aiProviders.id, id)))
    .limit(1);
  return row ?? null;
}

export async function insertProvider(db: Executor, values: typeof aiProviders.$inferInsert) {
  const [row] = await db.insert(aiProviders).values(values).returning();
  return row!;
}

export async function updateProvider(
  db: Executor,
  { organizationId, id, patch }: Scope & { id: string; patch: Partial<Pick<AiProviderRow, 'name' | 'type' | 'model' | 'baseUrl' | 'apiKey'>> },
) {
  const [row] = await db
    .update(aiProviders)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(aiProviders.organizationId, organizationId), eq(aiProviders.id, id)))
    .returning({ id: aiProviders.id });
  return row ?? null;
}

export async function deleteProvider(db: Executor, { organizationId, id }: Scope & { id: string }) {
  const [row] = await db
    .delete(aiProviders)
    .where(and(eq(aiProviders.organizationId, organizationId), eq(aiProviders.id, id)))
    .returning({ id: aiProviders.id });
  return row ?? null;
}

/** Channels that chose this provider fall back to the organization's default. */
export async function detachFromChannels(db: Executor, { organizationId, id }: Scope & { id: string }) {
  await db
    .update(channels)
    .set({ aiProviderId: null, updatedAt: new Date() })
    .where(and(eq(channels.organizationId, organizationId), eq(channels.aiProviderId, id)));
}

/** Makes `id` the default (null: none). One column holds it, so two defaults cannot exist. */
export async function setDefault(db: Executor, { organizationId, id }: Scope & { id: string | null }) {
  await db.update(organizations).set({ defaultAiProviderId: id, updatedAt: new Date() }).where(eq(organizations.id, organizationId));
}

/** Makes `id` the default only if there is none: the first provider wins even when two are created at once. */
export async function setDefaultIfNone(db: Executor, { organizationId, id }: Scope & { id: string }) {
  await db
    .update(organizations)
    .set({ defaultAiProviderId: id, updatedAt: new Date() })
    .where(and(eq(organizations.id, organizationId), isNull(organizations.defaultAiProviderId)));
}

/** When the default is deleted: the oldest remaining provider takes over, or none is left. */
export async function replaceDefault(db: Executor, { organizationId, deletedId }: Scope & { deletedId: string }) {
  const [next] = await db
    .select({ id: aiProviders.id })
    .from(aiProviders)
    .where(eq(aiProviders.organizationId, organizationId))
    .orderBy(asc(aiProviders.createdAt), asc(aiProviders.id))
    .limit(1);
  await db
    .update(organizations)
    .set({ defaultAiProviderId: next?.id ?? null, updatedAt: new Date() })
    .where(and(eq(organizations.id, organizationId), eq(organizations.defaultAiProviderId, deletedId)));
}
