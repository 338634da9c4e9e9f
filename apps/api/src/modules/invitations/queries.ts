import type { Role } from '@helpstack/contracts';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { invitations, organizations, users } from '../../db/schema/index.ts';
import { sha256 } from '../../lib/tokens.ts';

const columns = {
  id: invitations.id,
  email: invitations.email,
  role: invitations.role,
  expiresAt: invitations.expiresAt,
  acceptedAt: invitations.acceptedAt,
  createdAt: invitations.createdAt,
};

export async function insertInvitation(
  db: Executor,
  params: { organizationId: string; email: string; role: Role; token: string; invitedById: string; expiresAt: Date },
) {
  const [row] = await db
    .insert(invitations)
    .values({
      organizationId: params.organizationId,
      email: params.email,
      role: params.role,
      tokenHash: sha256(params.token),
      invitedById: params.invitedById,
      expiresAt: params.expiresAt,
    })
    .returning(columns);
  return row!;
}

export async function listPendingInvitations(db: Executor, params: { organizationId: string }) {
  return db
    .select(columns)
    .from(invitations)
    .where(and(eq(invitations.organizationId, params.organizationId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, sql`now()`)))
    .orderBy(desc(invitations.createdAt))
    .limit(100);
}

export async function deleteInvitation(db: Executor, params: { organizationId: string; id: string }) {
  const [row] = await db
    .delete(invitations)
    .where(and(eq(invitations.organizationId, params.organizationId), eq(invitations.id, params.id)))
    .returning({ id: invitations.id });
  return row ?? null;
}

/** Marks a live invitation used in the same statement that finds it: a token works once. */
export async function consumeInvitation(db: Executor, token: string) {
  const [row] = await db
    .update(invitations)
    .set({ acceptedAt: sql`now()` })
    .where(and(eq(invitations.tokenHash, sha256(token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, sql`now()`)))
    .returning({ id: invitations.id, organizationId: invitations.organizationId, email: invitations.email, role: invitations.role });
  return row ?? null;
}

/** Re-inviting an address replaces its pending invitation: the old link stops working, no duplicates pile up. */
export async function deletePendingInvitations(db: Executor, params: { organizationId: string; email: string }) {
  await db
    .delete(invitations)
    .where(and(eq(invitations.organizationId, params.organizationId), eq(invitations.email, params.email), isNull(invitations.acceptedAt)));
}

/** A live (unused, unexpired) invitation by its token, with its organization's name: the accept page's preview. */
export async function findLiveInvitationByToken(db: Executor, token: string) {
  const [row] = await db
    .select({ organizationName: organizations.name, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(and(eq(invitations.tokenHash, sha256(token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, sql`now()`)))
    .limit(1);
  return row ?? null;
}

/** What the invitation e-mail says: the invitation if still pending, its organization and who invited. */
export async function findPendingInvitationForMail(db: Executor, id: string) {
  const [row] = await db
    .select({
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      organizationName: organizations.name,
      inviterName: users.name,
      inviterEmail: users.email,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .leftJoin(users, eq(users.id, invitations.invitedById))
    .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), gt(invitations.expiresAt, sql`now()`)))
    .limit(1);
  return row ?? null;
}
