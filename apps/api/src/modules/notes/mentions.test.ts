import { describe, expect, test } from 'vitest';
import { parseMentions } from './mentions.ts';

const members = [
  { id: 'ada', name: 'Ada' },
  { id: 'ada-l', name: 'Ada Lovelace' },
  { id: 'grace', name: 'Grace Hopper' },
  { id: 'zoe', name: 'Zoë' },
];

describe('parseMentions', () => {
  test('finds whole names, case-insensitively, in order of first mention', () => {
    expect(parseMentions('@grace hopper and @Ada, please look (@ada again)', members)).toEqual(['grace', 'ada']);
  });

  test('prefers the longest name that matches', () => {
    expect(parseMentions('ping @Ada Lovelace', members)).toEqual(['ada-l']);
    expect(parseMentions('ping @Ada Lovelace and @Ada', members)).toEqual(['ada-l', 'ada']);
  });

  test('a name followed by more letters, or an e-mail address, is not a mention', () => {
    expect(parseMentions('@Adam, mail ada@example.com or x@Ada', members)).toEqual([]);
  });

  test('non-ASCII names and punctuation after the name', () => {
    expect(parseMentions('@Zoë: can you?', members)).toEqual(['zoe']);
  });
});
