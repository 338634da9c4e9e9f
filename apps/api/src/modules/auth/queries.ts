import type { Role } from '@helpstack/contracts';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { memberships, organizations, passwordResetTokens, sessions, users } from '../../db/schema/index.ts';
import { sha256 } from '../../lib/tokens.ts';
import { organizationColumns } from '../../plugins/app/membership.ts';

export { findMembershipContext, organizationColumns, type MembershipContext, type OrganizationRow } from '../../plugins/app/membership.ts';

export async function findUserByEmail(db: Executor, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return row ?? null;
}

/** The organization a user lands in on login: their oldest membership. */
export async function findFirstMembership(db: Executor, userId: string) {
  const [row] = await db
    .select({ organizationId: memberships.organizationId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(memberships.createdAt)
    .limit(1);
  return row ?? null;
}

export async function insertUser(db: Executor, values: { email: string; name: string; passwordHash: string }) {
  const [row] = await db.insert(users).values(values).returning({ id: users.id, email: users.email, name: users.name });
  return row!;
}

export async function insertOrganization(db: Executor, values: { name: string; tokenBalance: number }) {
  const [row] = await db.insert(organizations).values(values).returning(organizationColumns);
  return row!;
}

export async function insertMembership(db: Executor, values: { organizationId: string; userId: string; role: Role }) {
  const [row] = await db.insert(memberships).values(values).returning({ id: memberships.id });
  return row!;
}

/** The name shown in account mail: the organization the user lands in on login. */
export async function findFirstOrganizationName(db: Executor, userId: string) {
  const [row] = await db
    .select({ name: organizations.name })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(memberships.createdAt)
    .limit(1);
  return row?.name ?? null;
}

/** One live reset link per user: a new request (or a completed reset) kills the earlier ones. */
export async function deleteUnusedResetTokens(db: Executor, userId: string) {
  await db.delete(passwordResetTokens).where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
}

/** Stores the hash of `token`, valid for one hour by the database's clock (the same clock that checks it). */
export async function insertResetToken(db: Executor, params: { userId: string; token: string }) {
  await db.insert(passwordResetTokens).values({
    userId: params.userId,
    tokenHash: sha256(params.token),
    expiresAt: sql`now() + interval '1 hour'`,
  });
}

/** Marks a live reset token used in the same statement that finds it: a link works once. */
export async function consumeResetToken(db: Executor, token: string) {
  const [row] = await db
    .update(passwordResetTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(passwordResetTokens.tokenHash, sha256(token)), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, sql`now()`)))
    .returning({ userId: passwordResetTokens.userId });
  return row ?? null;
}

export async function updatePasswordHash(db: Executor, params: { userId: string; passwordHash: string }) {
  await db.update(users).set({ passwordHash: params.passwordHash }).where(eq(users.id, params.userId));
}

/** Signs the user out everywhere: every session row goes, so every cookie stops working at its next request. */
export async function deleteUserSessions(db: Executor, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
