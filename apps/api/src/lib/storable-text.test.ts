import { describe, expect, test } from 'vitest';
import { isStorableText, toStorableText, toStorableValue, unstorablePaths } from './storable-text.ts';

describe('text PostgreSQL can store', () => {
  test('NUL and lone surrogates are not storable; paired surrogates (emoji) are', () => {
    expect(isStorableText('plain ünïcödé 😀')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('\ud83d')).toBe(false);
    expect(isStorableText('x\ude00y')).toBe(false);
    expect(isStorableText('\ude00\ud83d')).toBe(false);
  });

  test('cleaning drops NUL and replaces lone surrogates, leaving the rest as it was', () => {
    expect(toStorableText('a\u0000b\ud800c😀')).toBe('ab\ufffdc😀');
    expect(toStorableValue({ 'k\u0000': ['x\udc00', 1, null], n: 2 })).toEqual({ k: ['x\ufffd', 1, null], n: 2 });
  });

  test('paths are dotted, include keys, skip Buffers, and survive deep nesting', () => {
    expect(unstorablePaths({ a: { b: ['ok', 'no\u0000'] }, 'bad\u0000key': 1 }).sort()).toEqual(['a.b.1', 'badkey']);
    expect(unstorablePaths('top\u0000')).toEqual(['']);
    expect(unstorablePaths(Buffer.from('a\u0000b'))).toEqual([]);
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorablePaths(deep)).toHaveLength(1);
  });
});
