import type { Role } from '@helpstack/contracts';
import { createContext, useContext } from 'react';

/** The signed-in member as features need them: who they are and what their role lets them do. */
export type Viewer = {
  userId: string;
  name: string;
  email: string;
  role: Role;
  organizationId: string;
  organizationName: string;
  /** AGENT or ADMIN: replies, status changes, assignment. VIEWER is read-only (CONTRACT §2). */
  canAct: boolean;
  /** ADMIN: channels, members, invitations, organization settings. */
  isAdmin: boolean;
};

export function viewerOf(session: {
  user: { id: string; name: string; email: string };
  organization: { id: string; name: string };
  role: Role;
}): Viewer {
  return {
    userId: session.user.id,
    name: session.user.name,
    email: session.user.email,
    role: session.role,
    organizationId: session.organization.id,
    organizationName: session.organization.name,
    canAct: session.role !== 'VIEWER',
    isAdmin: session.role === 'ADMIN',
  };
}

export const ViewerContext = createContext<Viewer | null>(null);

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer outside the signed-in app');
  return viewer;
}
