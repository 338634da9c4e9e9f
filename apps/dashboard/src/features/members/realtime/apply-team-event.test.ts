import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { invitationsKey } from '../api/get-invitations.ts';
import { membersKey } from '../api/get-members.ts';
import { applyTeamEvent } from './apply-team-event.ts';

function seeded() {
  const queryClient = new QueryClient();
  queryClient.setQueryData(membersKey, { items: [] });
  queryClient.setQueryData(invitationsKey, { items: [] });
  const stale = () => ({ members: queryClient.getQueryState(membersKey)!.isInvalidated, invitations: queryClient.getQueryState(invitationsKey)!.isInvalidated });
  return { queryClient, stale };
}

describe('applyTeamEvent', () => {
  it('a member change re-reads the members, an invitation change the invitations', () => {
    const a = seeded();
    expect(applyTeamEvent(a.queryClient, { type: 'member.changed', data: { userId: 'u1', change: 'role' } })).toBe(true);
    expect(a.stale()).toEqual({ members: true, invitations: false });
    const b = seeded();
    expect(applyTeamEvent(b.queryClient, { type: 'invitation.changed', data: { id: 'i1', change: 'revoked' } })).toBe(true);
    expect(b.stale()).toEqual({ members: false, invitations: true });
    const c = seeded();
    applyTeamEvent(c.queryClient, { type: 'invitation.changed', data: { id: 'i1', change: 'accepted' } });
    expect(c.stale()).toEqual({ members: true, invitations: true });
  });

  it('leaves other events to their features', () => {
    const { queryClient, stale } = seeded();
    expect(applyTeamEvent(queryClient, { type: 'conversation.deleted', data: { id: 'c1' } })).toBe(false);
    expect(stale()).toEqual({ members: false, invitations: false });
  });
});
