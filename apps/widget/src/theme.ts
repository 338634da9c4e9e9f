export const DEFAULT_COLOR = '#2563eb';

/** `#abc` / `#aabbcc` → `#aabbcc`; anything else (the value goes into CSS) → the default colour. */
export function normalizeHex(color: string | null | undefined): string {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec((color ?? '').trim());
  if (!m) return DEFAULT_COLOR;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return `#${hex.toLowerCase()}`;
}

const channel = (v: number) => {
  const s = v / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance of a `#rrggbb` colour. */
export function luminance(hex: string): number {
  const n = parseInt(normalizeHex(hex).slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** White or near-black text, whichever contrasts more with `background` (admins pick any colour). */
export function textOn(background: string): '#ffffff' | '#111827' {
  const l = luminance(background);
  const white = 1.05 / (l + 0.05);
  const dark = (l + 0.05) / (luminance('#111827') + 0.05);
  return white >= dark ? '#ffffff' : '#111827';
}
