import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { memberships, users } from '../../db/schema/index.ts';

/** The organization's members as a note may mention them: by id and by name. */
export async function listMemberNames(db: Executor, params: { organizationId: string }) {
  return db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, params.organizationId))
    .limit(1000);
}

/** A member's display name, or null when the user is not (or no longer) a member of the organization. */
export async function findMemberName(db: Executor, params: { organizationId: string; userId: string }) {
  const [row] = await db
    .select({ name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, params.organizationId), eq(memberships.userId, params.userId)))
    .limit(1);
  return row?.name ?? null;
}
