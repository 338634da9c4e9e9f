import type { Role } from '@helpstack/contracts';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { memberships, organizations, users } from '../../db/schema/index.ts';
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
