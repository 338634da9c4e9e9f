import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from './fuzzy-score.ts';

describe('fuzzyScore', () => {
  it('matches characters in order, case-insensitively; null otherwise', () => {
    expect(fuzzyScore('rfd', 'Refund')).not.toBeNull();
    expect(fuzzyScore('dfr', 'Refund')).toBeNull();
    expect(fuzzyScore('', 'anything')).toBe(0);
  });

  it('prefers a prefix and a consecutive run over scattered letters', () => {
    expect(fuzzyScore('ref', 'refund')!).toBeGreaterThan(fuzzyScore('ref', 'are you free')!);
    expect(fuzzyScore('ship', 'shipping-eu')!).toBeGreaterThan(fuzzyScore('ship', 'sorry, his parcel')!);
  });
});

describe('fuzzyFilter', () => {
  const replies = [
    { shortcut: 'hello', title: 'Greeting' },
    { shortcut: 'refund', title: 'Refund policy' },
    { shortcut: 'shipping', title: 'Where is my parcel' },
  ];
  it('keeps matches, best first, searching every field', () => {
    expect(fuzzyFilter(replies, 'parcel', (r) => [r.shortcut, r.title]).map((r) => r.shortcut)).toEqual(['shipping']);
    expect(fuzzyFilter(replies, 're', (r) => [r.shortcut, r.title]).map((r) => r.shortcut)[0]).toBe('refund');
    expect(fuzzyFilter(replies, '', (r) => [r.shortcut]).map((r) => r.shortcut)).toEqual(['hello', 'refund', 'shipping']);
  });
});
