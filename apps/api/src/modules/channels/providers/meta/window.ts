import { and, eq, max } from 'drizzle-orm';
import type { Db } from '../../../../db/client.ts';
import { messages } from '../../../../db/schema/index.ts';

export const HOUR_MS = 60 * 60 * 1000;

/** When the customer last wrote in this conversation: Meta's messaging windows are counted from it. */
export async function lastCustomerMessageAt(db: Db, conversationId: string) {
  const [row] = await db.select({ at: max(messages.createdAt) }).from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, 'INBOUND')));
  return row?.at ?? null;
}

/** Hours since the customer's last message (Infinity when they never wrote). */
export async function hoursSinceCustomer(db: Db, conversationId: string, now = Date.now()) {
  const at = await lastCustomerMessageAt(db, conversationId);
  return at ? (now - new Date(at).getTime()) / HOUR_MS : Infinity;
}
