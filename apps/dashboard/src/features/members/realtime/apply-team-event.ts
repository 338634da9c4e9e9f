import type { DomainEvent, RealtimeSignalFrame } from '@helpstack/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { invitationsKey } from '../api/get-invitations.ts';
import { membersKey } from '../api/get-members.ts';

/**
 * `member.changed` / `invitation.changed` (ids only): the team page and the pending invitations re-read their
 * lists, so a teammate's invite, accept, role change or removal shows without a reload. Returns whether it was one.
 */
export function applyTeamEvent(queryClient: QueryClient, frame: DomainEvent | RealtimeSignalFrame): boolean {
  switch (frame.type) {
    case 'member.changed':
      void queryClient.invalidateQueries({ queryKey: membersKey });
      return true;
    case 'invitation.changed':
      void queryClient.invalidateQueries({ queryKey: invitationsKey });
      // An accepted invitation also added a member (its own member.changed follows; this keeps both lists in step).
      if (frame.data.change === 'accepted') void queryClient.invalidateQueries({ queryKey: membersKey });
      return true;
    default:
      return false;
  }
}
