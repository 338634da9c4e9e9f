import type { Role } from '@helpstack/contracts';

/** How a role reads in the interface: the team page and the invitation page say it the same way. */
export const ROLE_LABELS: Record<Role, string> = { ADMIN: 'Admin', AGENT: 'Agent', VIEWER: 'Viewer' };
export const ROLE_HELP: Record<Role, string> = {
  ADMIN: 'Everything, including channels, team and billing',
  AGENT: 'Replies to and manages conversations',
  VIEWER: 'Read-only access',
};
