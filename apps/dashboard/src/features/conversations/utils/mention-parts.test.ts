import { describe, expect, it } from 'vitest';
import { mentionParts } from './mention-parts.ts';

describe('mentionParts', () => {
  it('marks the mentioned names, longest first, and keeps the rest as text', () => {
    expect(mentionParts('@Ada Lovelace and @ada, not @Adam', ['Ada', 'Ada Lovelace'])).toEqual([
      { text: '@Ada Lovelace', mention: true },
      { text: ' and ', mention: false },
      { text: '@ada', mention: true },
      { text: ', not @Adam', mention: false },
    ]);
    expect(mentionParts('no mentions', [])).toEqual([{ text: 'no mentions', mention: false }]);
  });
});
