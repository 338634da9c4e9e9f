import { describe, expect, it } from 'vitest';
import { shortAge, timeAgo } from './relative-time.ts';

const NOW = Date.parse('2025-06-15T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe('relative times', () => {
  it('shortAge is compact for lists', () => {
    expect(shortAge(ago(10_000), NOW)).toBe('now');
    expect(shortAge(ago(5 * 60_000), NOW)).toBe('5m');
    expect(shortAge(ago(3 * 3_600_000), NOW)).toBe('3h');
    expect(shortAge(ago(2 * 86_400_000), NOW)).toBe('2d');
  });

  it('timeAgo reads as a sentence', () => {
    expect(timeAgo(ago(10_000), NOW)).toBe('just now');
    expect(timeAgo(ago(5 * 60_000), NOW)).toMatch(/5 minutes ago/);
    expect(timeAgo(ago(86_400_000), NOW)).toMatch(/yesterday|1 day ago/);
  });
});
