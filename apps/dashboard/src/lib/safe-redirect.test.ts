import { describe, expect, it } from 'vitest';
import { safeRedirect } from './safe-redirect.ts';

describe('safeRedirect', () => {
  it('keeps paths of this app', () => {
    expect(safeRedirect('/inbox/c1?status=CLOSED')).toBe('/inbox/c1?status=CLOSED');
  });
  it('refuses other origins and loops back to the auth pages', () => {
    for (const bad of ['//evil.example/x', 'https://evil.example', 'javascript:alert(1)', '/\\evil', '/login?redirect=/x', 42, undefined]) {
      expect(safeRedirect(bad)).toBeUndefined();
    }
  });
});
