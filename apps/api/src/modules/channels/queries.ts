import type { ChannelType } from '@helpstack/contracts';
import { and, asc, count, eq, getTableColumns } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { channels } from '../../db/schema/index.ts';


export type ChannelRow = typeof channels.$inferSelect;
export type NewChannelRow = typeof channels.$inferInsert;
/** A row without the ciphertext: what reads that only show the channel need. */
export type ChannelListRow = Omit<ChannelRow, 'credentials'>;

const { credentials: _ciphertext, ...listColumns } = getTableColumns(channels);

export async function listChannels(db: Executor, params: { organizationId: string; type?: ChannelType; limit: number; offset: number }) {
  const where = and(eq(channels.organizationId, params.organizationId), params.type ? eq(channels.type, params.type) : undefined);
  const [rows, [total]] = await Promise.all([
    db.select(listColumns).from(channels).where(where)
      .orderBy(asc(channels.createdAt), asc(channels.id)).limit(params.limit).offset(params.offset),
    db.select({ n: count() }).from(channels).where(where),
  ]);
  return { rows: rows as ChannelListRow[], total: total?.n ?? 0 };
}

/**
 * The whole channel row (encrypted credentials included) in the organization, or null.
 * `forUpdate` locks it for a read-merge-write inside a transaction.
 */
export async function findChannel(db: Executor, params: { organizationId: string; id: string; forUpdate?: boolean }): Promise<ChannelRow | null> {
  const query = db.select().from(channels)
    .where(and(eq(channels.organizationId, params.organizationId), eq(channels.id, params.id))).limit(1);
  const [row] = params.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

export async function insertChannel(db: Executor, values: NewChannelRow & { id: string; organizationId: string }) {
  const [row] = await db.insert(channels).values(values).returning();
  return row!;
}

export async function updateChannel(
  db: Executor,
  params: { organizationId: string; id: string; values: Partial<Omit<NewChannelRow, 'id' | 'organizationId' | 'type' | 'createdAt'>> },
) {
  const [row] = await db.update(channels).set({ ...params.values, updatedAt: new Date() })
    .where(and(eq(channels.organizationId, params.organizationId), eq(channels.id, params.id))).returning();
  return row ?? null;
}

/** Deletes the channel; its conversations, messages and customer identities go with it (FK cascade). */
export async function deleteChannel(db: Executor, params: { organizationId: string; id: string }) {
  const [row] = await db.delete(channels)
    .where(and(eq(channels.organizationId, params.organizationId), eq(channels.id, params.id)))
    .returning({ id: channels.id });
  return row ?? null;
}

/** Records the outcome of a connection check (CONTRACT §10 `channel.status`). */
export async function setConnectionStatus(
  db: Executor,
  params: { organizationId: string; id: string; status: NonNullable<ChannelRow['connectionStatus']> },
) {
  await db.update(channels).set({ connectionStatus: params.status })
    .where(and(eq(channels.organizationId, params.organizationId), eq(channels.id, params.id)));
}
