import { describe, expect, it } from 'vitest';
import { parseLocalDateTime, snoozePresets } from './snooze-presets.ts';

const local = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min);

describe('snoozePresets', () => {
  it('on a Wednesday morning: 1 hour, tonight 18:00, tomorrow 09:00, Monday 09:00', () => {
    const now = local(2026, 12, 2, 10, 30); // a Wednesday
    expect(snoozePresets(now).map((p) => [p.key, p.until.getTime()])).toEqual([
      ['hour', local(2026, 12, 2, 11, 30).getTime()],
      ['tonight', local(2026, 12, 2, 18).getTime()],
      ['tomorrow', local(2026, 12, 3, 9).getTime()],
      ['next-week', local(2026, 12, 7, 9).getTime()],
    ]);
  });

  it('after 18:00 there is no "tonight"; on a Monday "next week" is the following Monday', () => {
    const now = local(2026, 11, 30, 19); // a Monday evening
    const presets = snoozePresets(now);
    expect(presets.map((p) => p.key)).toEqual(['hour', 'tomorrow', 'next-week']);
    expect(presets.at(-1)!.until.getTime()).toBe(local(2026, 12, 7, 9).getTime());
  });

  it('parses a datetime-local value, refuses garbage', () => {
    expect(parseLocalDateTime('2026-12-24T09:15')?.getTime()).toBe(local(2026, 12, 24, 9, 15).getTime());
    expect(parseLocalDateTime('')).toBeNull();
    expect(parseLocalDateTime('tomorrow')).toBeNull();
  });
});
