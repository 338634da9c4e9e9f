import { describe, expect, it, vi } from 'vitest';
import { snoozePresets } from '../features/conversations/utils/snooze-presets.ts';
import { snoozeCommands, tagCommands } from './palette-steps.ts';

describe('palette: Snooze…', () => {
  const now = new Date(2026, 2, 10, 10, 0); // a Tuesday, 10:00 local

  it('offers the snooze menu\'s presets and PATCHes snoozedUntil', () => {
    const change = vi.fn();
    const commands = snoozeCommands({ snoozedUntil: null }, 'Ada', change, now);
    expect(commands.map((c) => c.label)).toEqual(snoozePresets(now).map((p) => p.label));
    commands.find((c) => c.id === 'snooze:tomorrow')!.run();
    expect(change).toHaveBeenCalledWith({ snoozedUntil: new Date(2026, 2, 11, 9, 0).toISOString() }, expect.stringContaining('Ada'));
  });

  it('adds Unsnooze only while snoozed', () => {
    const change = vi.fn();
    expect(snoozeCommands({ snoozedUntil: null }, 'Ada', change, now).some((c) => c.id === 'snooze:off')).toBe(false);
    const off = snoozeCommands({ snoozedUntil: '2026-03-11T09:00:00Z' }, 'Ada', change, now).find((c) => c.id === 'snooze:off')!;
    off.run();
    expect(change).toHaveBeenCalledWith({ snoozedUntil: null }, 'Unsnoozed: Ada');
  });
});

describe('palette: Tag…', () => {
  const tags = [{ id: 't1', name: 'Billing' }, { id: 't2', name: 'Bug' }, { id: 't3', name: 'VIP' }];

  it('toggles: a tag it lacks is added, a tag it has is removed, the others kept', () => {
    const change = vi.fn();
    const commands = tagCommands({ tags: [{ id: 't1', name: 'Billing', color: 'blue' }, { id: 't3', name: 'VIP', color: 'red' }] } as never, tags, 'Ada', change);
    expect(commands.map((c) => [c.label, c.hint])).toEqual([
      ['Billing', 'Tagged — removes it'],
      ['Bug', 'Adds the tag'],
      ['VIP', 'Tagged — removes it'],
    ]);
    commands[1]!.run();
    expect(change).toHaveBeenLastCalledWith({ tagIds: ['t1', 't3', 't2'] }, 'Tagged Bug: Ada');
    commands[0]!.run();
    expect(change).toHaveBeenLastCalledWith({ tagIds: ['t3'] }, 'Untagged Billing: Ada');
  });
});
