import { describe, expect, test } from 'vitest';
import type { SessionContext } from './membership.ts';
import { createSessionCache } from './session-cache.ts';

const ctx = (sessionId: string, userId = 'u1', organizationId = 'o1') =>
  ({ sessionId, user: { id: userId, email: 'a@b.c', name: 'A' }, organizationId, role: 'AGENT' }) as unknown as SessionContext;

function setup(opts: { ttlMs?: number; maxEntries?: number } = {}) {
  let clock = 0;
  const cache = createSessionCache({ ...opts, now: () => clock });
  const put = (c: SessionContext) => cache.beginFill()(c);
  return { cache, put, advance: (ms: number) => (clock += ms) };
}

describe('session cache', () => {
  test('an entry lives for the TTL only', () => {
    const { cache, put, advance } = setup({ ttlMs: 1000 });
    put(ctx('s1'));
    advance(999);
    expect(cache.get('s1')?.sessionId).toBe('s1');
    advance(1);
    expect(cache.get('s1')).toBeUndefined();
  });

  test('is bounded, dropping the least recently used', () => {
    const { cache, put } = setup({ maxEntries: 2 });
    put(ctx('s1'));
    put(ctx('s2'));
    cache.get('s1'); // s2 is now the least recently used
    put(ctx('s3'));
    expect(cache.size).toBe(2);
    expect(cache.get('s2')).toBeUndefined();
    expect(cache.get('s1')).toBeDefined();
    expect(cache.get('s3')).toBeDefined();
  });

  test('drops by session id, user or organization', () => {
    const { cache, put } = setup();
    put(ctx('s1', 'u1', 'o1'));
    put(ctx('s2', 'u1', 'o2'));
    put(ctx('s3', 'u2', 'o2'));
    put(ctx('s4', 'u3', 'o3'));
    cache.drop({ userId: 'u1' });
    expect(['s1', 's2', 's3', 's4'].map((id) => !!cache.get(id))).toEqual([false, false, true, true]);
    cache.drop({ organizationId: 'o2' });
    expect(cache.get('s3')).toBeUndefined();
    cache.drop({ sessionIds: ['s4'] });
    expect(cache.size).toBe(0);
  });

  test('a read begun before an invalidation is not kept', () => {
    const { cache } = setup();
    const fill = cache.beginFill(); // a database read starts…
    cache.drop({ userId: 'u1' }); // …a role change lands meanwhile…
    fill(ctx('s1')); // …and the old row it read is not cached
    expect(cache.get('s1')).toBeUndefined();
  });
});
