import { describe, expect, test } from 'vitest';
import { flattenSections, isPaletteShortcut, moveActive, rankCommands, type PaletteCommand } from './command-palette.ts';

const cmd = (group: PaletteCommand['group'], label: string, extra: Partial<PaletteCommand> = {}): PaletteCommand => ({ id: `${group}:${label}`, group, label, run: () => {}, ...extra });

const commands = [
  cmd('Settings', 'Team'),
  cmd('Views', 'Assigned to me'),
  cmd('Actions', 'Assign to me'),
  cmd('Actions', 'Close conversation', { keywords: ['archive', 'done'] }),
  cmd('Conversations', 'Vera — refund for order 1042', { searched: true }),
  cmd('Settings', 'Saved replies'),
];

describe('rankCommands', () => {
  test('with no query: every command, groups in the fixed order (actions first)', () => {
    expect(rankCommands(commands, '').map((s) => s.group)).toEqual(['Actions', 'Conversations', 'Views', 'Settings']);
    expect(flattenSections(rankCommands(commands, ''))[0]!.label).toBe('Assign to me');
  });

  test('a query filters fuzzily on label and keywords; server results are kept as found', () => {
    const labels = (q: string) => flattenSections(rankCommands(commands, q)).map((c) => c.label);
    expect(labels('asme')).toEqual(['Assign to me', 'Vera — refund for order 1042', 'Assigned to me']);
    expect(labels('archive')).toEqual(['Close conversation', 'Vera — refund for order 1042']);
    expect(labels('zzz')).toEqual(['Vera — refund for order 1042']);
    // Letters scattered through a label are not a match.
    expect(labels('vera')).toEqual(['Vera — refund for order 1042']);
    expect(labels('team')).toEqual(['Vera — refund for order 1042', 'Team']);
  });

  test('each group is capped', () => {
    const many = Array.from({ length: 10 }, (_, i) => cmd('Settings', `Page ${i}`));
    expect(rankCommands(many, '', 4)[0]!.commands).toHaveLength(4);
  });
});

describe('moveActive', () => {
  test('wraps around both ways; an empty list has no highlighted row', () => {
    expect(moveActive(0, 1, 3)).toBe(1);
    expect(moveActive(2, 1, 3)).toBe(0);
    expect(moveActive(0, -1, 3)).toBe(2);
    expect(moveActive(-1, 1, 3)).toBe(0);
    expect(moveActive(-1, -1, 3)).toBe(2);
    expect(moveActive(0, 1, 0)).toBe(-1);
  });
});

describe('isPaletteShortcut', () => {
  test('Cmd+K and Ctrl+K, not K alone nor with Alt/Shift', () => {
    expect(isPaletteShortcut({ key: 'k', metaKey: true })).toBe(true);
    expect(isPaletteShortcut({ key: 'K', ctrlKey: true })).toBe(true);
    expect(isPaletteShortcut({ key: 'k' })).toBe(false);
    expect(isPaletteShortcut({ key: 'k', ctrlKey: true, shiftKey: true })).toBe(false);
    expect(isPaletteShortcut({ key: 'k', metaKey: true, altKey: true })).toBe(false);
    expect(isPaletteShortcut({ key: 'j', ctrlKey: true })).toBe(false);
  });
});
