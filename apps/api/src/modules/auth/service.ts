import type { AcceptInviteBody, SignupBody } from '@helpstack/contracts';
import type { Db } from '../../db/client.ts';
import type { Events } from '../../plugins/app/events.ts';
import { ConflictError, NotFoundError, UnauthorizedError, isUniqueViolation } from '../../lib/errors.ts';
import { hashPassword, verifyPassword } from '../../lib/password.ts';
import { consumeInvitation } from '../invitations/queries.ts';
import {
  findFirstMembership,
  findMembershipContext,
  findUserByEmail,
  insertMembership,
  insertOrganization,
  insertUser,
  type MembershipContext,
} from './queries.ts';

export const BAD_CREDENTIALS = 'Invalid email or password';

/** A new user with a new organization they administer. */
export async function signup(db: Db, body: SignupBody, opts: { tokens: number }): Promise<MembershipContext> {
  if (await findUserByEmail(db, body.email)) throw new ConflictError('An account with this email already exists');
  const passwordHash = await hashPassword(body.password);
  try {
    return await db.transaction(async (tx) => {
      const user = await insertUser(tx, { email: body.email, name: body.name, passwordHash });
      const organization = await insertOrganization(tx, { name: body.organizationName, tokenBalance: opts.tokens });
      const m = await insertMembership(tx, { organizationId: organization.id, userId: user.id, role: 'ADMIN' });
      return { user, organization, organizationId: organization.id, role: 'ADMIN' as const, membershipId: m.id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError('An account with this email already exists');
    throw err;
  }
}

export async function login(db: Db, email: string, password: string): Promise<MembershipContext> {
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok) throw new UnauthorizedError(BAD_CREDENTIALS);
  const first = await findFirstMembership(db, user.id);
  const ctx = first && (await findMembershipContext(db, { userId: user.id, organizationId: first.organizationId }));
  if (!ctx) throw new UnauthorizedError(BAD_CREDENTIALS);
  return ctx;
}

/**
 * Joins the invitation's organization. A new email creates the user; an existing user must prove
 * the password of that account, so an invitation never takes over somebody else's login.
 */
export async function acceptInvite(db: Db, events: Pick<Events, 'emit'>, body: AcceptInviteBody): Promise<MembershipContext> {
  const passwordHash = await hashPassword(body.password);
  const result = await db.transaction(async (tx) => {
    const invitation = await consumeInvitation(tx, body.token);
    if (!invitation) throw new NotFoundError('Invitation');
    const existing = await findUserByEmail(tx, invitation.email);
    if (existing && !(await verifyPassword(existing.passwordHash, body.password))) throw new UnauthorizedError(BAD_CREDENTIALS);
    const user = existing ?? (await insertUser(tx, { email: invitation.email, name: body.name, passwordHash }));
    try {
      await insertMembership(tx, { organizationId: invitation.organizationId, userId: user.id, role: invitation.role });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('You are already a member of this organization');
      throw err;
    }
    // Open team pages see the newcomer and the invitation leave the pending list.
    await events.emit(tx, { organizationId: invitation.organizationId, type: 'member.changed', data: { userId: user.id, change: 'joined' } });
    await events.emit(tx, { organizationId: invitation.organizationId, type: 'invitation.changed', data: { id: invitation.id, change: 'accepted' } });
    return { userId: user.id, organizationId: invitation.organizationId };
  });
  return (await findMembershipContext(db, result))!;
}
