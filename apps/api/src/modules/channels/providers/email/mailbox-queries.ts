import { and, eq, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../../../db/client.ts';
import { channels, emailMailboxes } from '../../../../db/schema/index.ts';

export const LEASE_MS = 30_000;

/** Every EMAIL channel with an IMAP server, across organizations: what the pollers share out. */
export async function imapChannels(db: Executor) {
  return db.select({ id: channels.id, organizationId: channels.organizationId }).from(channels)
    .where(and(eq(channels.type, 'EMAIL'), isNotNull(sql`${channels.credentialsSummary}->>'imapHost'`)));
}

/**
 * Takes (or renews) the lease on a channel's mailbox for `owner`; false while another instance holds it.
 * One statement, so two instances racing for a free mailbox cannot both win.
 */
export async function claimMailbox(db: Executor, params: { channelId: string; organizationId: string; owner: string }) {
  const until = new Date(Date.now() + LEASE_MS);
  await db.insert(emailMailboxes).values({ channelId: params.channelId, organizationId: params.organizationId }).onConflictDoNothing();
  const rows = await db.update(emailMailboxes).set({ leaseOwner: params.owner, leaseUntil: until })
    .where(and(
      eq(emailMailboxes.channelId, params.channelId),
      or(eq(emailMailboxes.leaseOwner, params.owner), sql`${emailMailboxes.leaseUntil} is null`, lt(emailMailboxes.leaseUntil, new Date())),
    ))
    .returning({ channelId: emailMailboxes.channelId });
  return rows.length > 0;
}

export async function releaseMailbox(db: Executor, params: { channelId: string; owner: string }) {
  await db.update(emailMailboxes).set({ leaseOwner: null, leaseUntil: null })
    .where(and(eq(emailMailboxes.channelId, params.channelId), eq(emailMailboxes.leaseOwner, params.owner)));
}

export async function mailboxState(db: Executor, channelId: string) {
  const [row] = await db.select().from(emailMailboxes).where(eq(emailMailboxes.channelId, channelId)).limit(1);
  return row ?? null;
}

/** Records progress only while this instance still holds the lease: a poller that lost it writes nothing. */
export async function saveMailboxState(db: Executor, params: { channelId: string; owner: string; uidValidity: number; lastUid: number }) {
  await db.update(emailMailboxes).set({ uidValidity: params.uidValidity, lastUid: params.lastUid })
    .where(and(eq(emailMailboxes.channelId, params.channelId), eq(emailMailboxes.leaseOwner, params.owner)));
}
