import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { SUPPORTED_LANGUAGES } from './supported-languages.ts';

describe('the languages the detector may answer', () => {
  test('include every language the dashboard offers in its pickers', () => {
    const dashboard = readFileSync(new URL('../../../../dashboard/src/lib/languages.ts', import.meta.url), 'utf8');
    const offered = [...dashboard.matchAll(/value: '([a-z]{2})'/g)].map((m) => m[1]);
    expect(offered.length).toBeGreaterThan(10);
    expect(SUPPORTED_LANGUAGES).toEqual(expect.arrayContaining(offered));
  });
});
