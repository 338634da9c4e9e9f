import type { Role } from '@helpstack/contracts';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { invitations } from '../../db/schema/index.ts';
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
    .returning({ organizationId: invitations.organizationId, email: invitations.email, role: invitations.role });
  return row ?? null;
}
