import { describe, expect, it } from 'vitest';
import { normalizeHex, textOn } from './theme.ts';

describe('theme', () => {
  it('normalises hex colours and refuses anything else (it goes into CSS)', () => {
    expect(normalizeHex('#ABC')).toBe('#aabbcc');
    expect(normalizeHex('#2563EB')).toBe('#2563eb');
    expect(normalizeHex('red; background: url(x)')).toBe('#2563eb');
    expect(normalizeHex(undefined)).toBe('#2563eb');
  });

  it('picks readable text for the accent', () => {
    expect(textOn('#2563eb')).toBe('#ffffff');
    expect(textOn('#000000')).toBe('#ffffff');
    expect(textOn('#facc15')).toBe('#111827');
    expect(textOn('#ffffff')).toBe('#111827');
  });
});
