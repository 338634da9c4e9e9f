import type { Role } from '@helpstack/contracts';
import { and, asc, count, eq, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { memberships, users } from '../../db/schema/index.ts';


const columns = {
  id: memberships.id,
  userId: memberships.userId,
  email: users.email,
  name: users.name,
  role: memberships.role,
  createdAt: memberships.createdAt,
};

export async function listMembers(db: Executor, params: { organizationId: string; limit: number; offset: number }) {
  const where = eq(memberships.organizationId, params.organizationId);
  const [rows, [total]] = await Promise.all([
    db.select(columns).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where)
      .orderBy(asc(memberships.createdAt), asc(memberships.id)).limit(params.limit).offset(params.offset),
    db.select({ n: count() }).from(memberships).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findMember(db: Executor, params: { organizationId: string; id: string }) {
  const [row] = await db.select(columns).from(memberships).innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, params.organizationId), eq(memberships.id, params.id))).limit(1);
  return row ?? null;
}

/** Whether the organization keeps an ADMIN if `excludingId` loses that role. */
export async function hasOtherAdmin(db: Executor, params: { organizationId: string; excludingId: string }) {
  const [row] = await db.select({ n: count() }).from(memberships).where(and(
    eq(memberships.organizationId, params.organizationId),
    eq(memberships.role, 'ADMIN'),
    ne(memberships.id, params.excludingId),
  ));
  return (row?.n ?? 0) > 0;
}

export async function updateMemberRole(db: Executor, params: { organizationId: string; id: string; role: Role }) {
  await db.update(memberships).set({ role: params.role })
    .where(and(eq(memberships.organizationId, params.organizationId), eq(memberships.id, params.id)));
}

export async function deleteMember(db: Executor, params: { organizationId: string; id: string }) {
  await db.delete(memberships).where(and(eq(memberships.organizationId, params.organizationId), eq(memberships.id, params.id)));
}
