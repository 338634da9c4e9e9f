export * from './organizations.ts';
export * from './users.ts';
export * from './memberships.ts';
export * from './sessions.ts';
export * from './invitations.ts';
