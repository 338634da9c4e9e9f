import type { Organization, SessionInfo } from '@helpstack/contracts';
import type { MembershipContext, OrganizationRow } from './queries.ts';

export const toOrganization = (o: OrganizationRow): Organization => ({
  ...o,
  createdAt: o.createdAt.toISOString(),
  updatedAt: o.updatedAt.toISOString(),
});

export const toSessionInfo = (ctx: Pick<MembershipContext, 'user' | 'organization' | 'role'>): SessionInfo => ({
  user: { id: ctx.user.id, email: ctx.user.email, name: ctx.user.name },
  organization: toOrganization(ctx.organization),
  role: ctx.role,
});
