import { describe, expect, test } from 'vitest';
import { authorColumns, requireActor, type Actor } from './actor.ts';
import { UnauthorizedError } from './errors.ts';

describe('requireActor', () => {
  test('returns the request\'s actor', () => {
    const actor: Actor = { kind: 'user', userId: 'u1', organizationId: 'o1', role: 'AGENT', sessionId: 's1' };
    expect(requireActor({ actor })).toBe(actor);
  });

  test('no actor is a 401, never a TypeError', () => {
    expect(() => requireActor({ actor: null })).toThrow(UnauthorizedError);
  });
});

describe('authorColumns', () => {
  test('a member writes as AGENT under their id; the AI and the system have no user behind them', () => {
    expect(authorColumns({ kind: 'user', userId: 'u1' })).toEqual({ senderType: 'AGENT', authorId: 'u1' });
    expect(authorColumns({ kind: 'ai' })).toEqual({ senderType: 'AI', authorId: null });
    expect(authorColumns({ kind: 'system' })).toEqual({ senderType: 'SYSTEM', authorId: null });
  });
});
