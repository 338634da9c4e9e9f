import type { Role } from '@helpstack/contracts';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { memberships, organizations, users } from '../../db/schema/index.ts';

// The auth plugin resolves every session through this lookup, so it lives on the plugin side;
// modules/auth re-exports it for signup and login.
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
