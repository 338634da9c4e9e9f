import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

describe('backoffDelay', () => {
  it('doubles per attempt between half and the full nominal delay', () => {
    const low = [0, 1, 2, 3, 4].map((n) => backoffDelay(n, { random: () => 0 }));
    const high = [0, 1, 2, 3, 4].map((n) => backoffDelay(n, { random: () => 0.999999 }));
    expect(low).toEqual([250, 500, 1000, 2000, 4000]);
    expect(high).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('is capped, jitter included', () => {
    for (const attempt of [10, 20, 100, 10_000]) {
      expect(backoffDelay(attempt, { random: () => 0.999999 })).toBe(30_000);
      expect(backoffDelay(attempt, { random: () => 0 })).toBe(15_000);
    }
    expect(backoffDelay(3, { base: 1000, cap: 5000, random: () => 0.999999 })).toBe(5000);
  });

  it('spreads clients: the jitter uses the random source', () => {
    const seen = new Set([0.1, 0.3, 0.5, 0.7, 0.9].map((r) => backoffDelay(5, { random: () => r })));
    expect(seen.size).toBe(5);
    for (const d of seen) expect(d).toBeGreaterThanOrEqual(8000), expect(d).toBeLessThanOrEqual(16_000);
  });

  it('never goes below the first half-delay for odd input', () => {
    expect(backoffDelay(-3, { random: () => 0 })).toBe(250);
  });
});
