import type { Notification, NotificationEvent } from '@helpstack/contracts';
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { notifications } from '../../db/schema/index.ts';

type Row = typeof notifications.$inferSelect;
type Owner = { organizationId: string; userId: string };

export const toNotification = (row: Row): Notification => ({
  id: row.id,
  type: row.type,
  title: row.title,
  body: row.body,
  conversationId: row.conversationId,
  read: row.readAt !== null,
  createdAt: row.createdAt.toISOString(),
});

const mine = (o: Owner) => and(eq(notifications.organizationId, o.organizationId), eq(notifications.userId, o.userId));

export async function insertNotifications(
  tx: Executor,
  rows: { organizationId: string; userId: string; type: NotificationEvent; title: string; body: string; conversationId: string | null }[],
): Promise<Row[]> {
  if (!rows.length) return [];
  return tx.insert(notifications).values(rows).returning();
}

export async function listNotifications(db: Executor, params: Owner & { limit: number; offset: number; unread?: boolean }) {
  const where = params.unread ? and(mine(params), isNull(notifications.readAt)) : mine(params);
  const [rows, [total], unreadCount] = await Promise.all([
    db.select().from(notifications).where(where).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(params.limit).offset(params.offset),
    db.select({ n: count() }).from(notifications).where(where),
    countUnread(db, params),
  ]);
  return { rows, total: total?.n ?? 0, unreadCount };
}

export async function countUnread(db: Executor, owner: Owner) {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(mine(owner), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks the caller's own notifications read; ids of someone else's are ignored. Answers how many changed. */
export async function markRead(db: Executor, params: Owner & { ids: string[] | 'all' }) {
  const where = params.ids === 'all'
    ? and(mine(params), isNull(notifications.readAt))
    : and(mine(params), isNull(notifications.readAt), inArray(notifications.id, [...new Set(params.ids)]));
  const changed = await db.update(notifications).set({ readAt: new Date() }).where(where).returning({ id: notifications.id });
  return changed.length;
}
