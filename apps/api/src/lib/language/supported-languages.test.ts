import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DETECTABLE_LANGUAGES } from './detect-language.ts';
import { SUPPORTED_LANGUAGES } from './supported-languages.ts';

describe('the languages the product offers', () => {
  test('are the ones the dashboard offers in its pickers', () => {
    const dashboard = readFileSync(new URL('../../../../dashboard/src/lib/languages.ts', import.meta.url), 'utf8');
    const offered = [...dashboard.matchAll(/value: '([a-z]{2})'/g)].map((m) => m[1]);
    expect(offered.length).toBeGreaterThan(10);
    expect([...SUPPORTED_LANGUAGES].sort()).toEqual(offered.sort());
  });

  test('can each be answered by the detector', () => {
    expect(DETECTABLE_LANGUAGES).toEqual(expect.arrayContaining([...SUPPORTED_LANGUAGES]));
  });
});
