import { describe, expect, test } from 'vitest';
import { initialsOf, readableTextOn } from './initials.ts';

const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((s) => (s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
};

describe('initials', () => {
  test('two letters from a name, one from an address', () => {
    expect(initialsOf('Ada Lovelace')).toBe('AL');
    expect(initialsOf('ada@example.com')).toBe('A');
    expect(initialsOf('')).toBe('?');
  });

  test('the text on a generated colour always reaches 4.5:1, where a fixed threshold does not', () => {
    // Mid-tones around the luminance where black and white tie are the hard cases.
    const samples = ['#0000ff', '#ffff00', '#808080', '#1c7ed6', '#f59f00', '#37b24d', '#e64980', '#7950f2', '#15aabf', '#fa5252', '#868e96', '#ff8c00'];
    for (let i = 0; i < 4096; i += 37) samples.push(`#${(i * 4099).toString(16).padStart(6, '0').slice(-6)}`);
    for (const hex of samples) expect(contrast(hex, readableTextOn(hex)), hex).toBeGreaterThanOrEqual(4.5);
    expect(readableTextOn('#ffff00')).toBe('#000000');
    expect(readableTextOn('#0000ff')).toBe('#ffffff');
  });
});
