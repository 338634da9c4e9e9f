import type { Role } from '@helpstack/contracts';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { memberships, organizations, users } from '../../db/schema/index.ts';


export const organizationColumns = {
  id: organizations.id,
  name: organizations.name,
  plan: organizations.plan,
  tokenBalance: organizations.tokenBalance,
  defaultLanguage: organizations.defaultLanguage,
  defaultAiProviderId: organizations.defaultAiProviderId,
  createdAt: organizations.createdAt,
  updatedAt: organizations.updatedAt,
};
export type OrganizationRow = typeof organizations.$inferSelect;

export interface MembershipContext {
  user: { id: string; email: string; name: string };
  organization: OrganizationRow;
  organizationId: string;
  role: Role;
  membershipId: string;
}

/** One round trip: the user, their role and the organization a session acts in. */
export async function findMembershipContext(db: Executor, params: { userId: string; organizationId: string }): Promise<MembershipContext | null> {
  const [row] = await db
    .select({
      membershipId: memberships.id,
      role: memberships.role,
      user: { id: users.id, email: users.email, name: users.name },
      organization: organizationColumns,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.userId, params.userId), eq(memberships.organizationId, params.organizationId)))
    .limit(1);
  return row ? { ...row, organizationId: row.organization.id } : null;
}

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
