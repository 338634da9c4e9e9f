import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { conversations } from '../../db/schema/index.ts';

/**
 * Replying claims (CONTRACT §12): assigns an unassigned conversation to the member replying, inside the reply's
 * transaction. Conditional on still being unassigned, so two agents replying at once never take it from each
 * other — the first wins, the second's reply leaves it where it is. True when this call claimed it.
 */
export async function claimIfUnassigned(tx: Tx, params: { organizationId: string; id: string; userId: string }): Promise<boolean> {
  const [row] = await tx
    .update(conversations)
    .set({ assignedToId: params.userId, updatedAt: new Date() })
    .where(and(eq(conversations.organizationId, params.organizationId), eq(conversations.id, params.id), isNull(conversations.assignedToId)))
    .returning({ id: conversations.id });
  return Boolean(row);
}
