import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { memberships, messages, organizations, users } from '../../db/schema/index.ts';

export interface Member {
  userId: string;
  email: string;
  name: string;
}

export const membersOf = (db: Executor, organizationId: string): Promise<Member[]> =>
  db
    .select({ userId: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId));

export async function organizationName(db: Executor, organizationId: string) {
  const [row] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, organizationId));
  return row?.name ?? 'HelpStack';
}

/** Whether `messageId` opened its conversation (then `conversation.created` already told everyone). */
export async function isFirstMessage(db: Executor, params: { organizationId: string; conversationId: string; messageId: string }) {
  const [first] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.organizationId, params.organizationId), eq(messages.conversationId, params.conversationId)))
    .orderBy(asc(messages.createdAt), asc(messages.id))
    .limit(1);
  return first?.id === params.messageId;
}

/** Several customer messages in one conversation within this window make one push and one e-mail. */
export const BATCH_WINDOW_MS = 60_000;

/**
 * Batching of push and e-mail: takes the (user, conversation, channel) slot when the last send is older than
 * the window, atomically, and answers the users that got it. The others were told about this conversation
 * less than a minute ago; their in-app list still shows each message.
 */
export async function takeBatchSlots(tx: Executor, params: { userIds: string[]; conversationId: string; channel: 'push' | 'email'; at: Date }): Promise<Set<string>> {
  if (!params.userIds.length) return new Set();
  const at = params.at.toISOString();
  const rows = sql.join(params.userIds.map((u) => sql`(${u}, ${params.conversationId}, ${params.channel}, ${at}::timestamptz)`), sql`, `);
  const result = (await tx.execute(sql`
    insert into notification_throttles (user_id, conversation_id, channel, last_sent_at) values ${rows}
    on conflict (user_id, conversation_id, channel) do update set last_sent_at = excluded.last_sent_at
    where notification_throttles.last_sent_at <= excluded.last_sent_at - ${BATCH_WINDOW_MS} * interval '1 millisecond'
    returning user_id
  `)) as unknown as { rows: { user_id: string }[] };
  return new Set(result.rows.map((r) => r.user_id));
}

/** Batching slots whose last send is older than the window no longer hold anything back: without this they pile up. */
export async function pruneBatchSlots(db: Executor, params: { now: Date }) {
  const before = new Date(params.now.getTime() - BATCH_WINDOW_MS).toISOString();
  await db.execute(sql`delete from notification_throttles where last_sent_at < ${before}::timestamptz`);
}
