/**
 * The snooze menu's presets (CONTRACT §12), in the agent's local time: 1 hour, tonight 18:00, tomorrow 09:00,
 * next week (Monday 09:00). "Tonight" is left out once 18:00 has passed.
 */
export type SnoozePreset = { key: string; label: string; until: Date };

const at = (base: Date, days: number, hour: number) => {
  const d = new Date(base);
  d.setDate(d.getDate() + days);
  d.setHours(hour, 0, 0, 0);
  return d;
};

export function snoozePresets(now: Date = new Date()): SnoozePreset[] {
  const presets: SnoozePreset[] = [{ key: 'hour', label: 'In 1 hour', until: new Date(now.getTime() + 3600_000) }];
  const tonight = at(now, 0, 18);
  if (tonight.getTime() > now.getTime() + 60_000) presets.push({ key: 'tonight', label: 'Tonight (18:00)', until: tonight });
  presets.push({ key: 'tomorrow', label: 'Tomorrow (09:00)', until: at(now, 1, 9) });
  // Monday of next week: 1–7 days ahead (a Monday snoozes to the following Monday).
  const daysToMonday = ((8 - now.getDay()) % 7) || 7;
  presets.push({ key: 'next-week', label: 'Next week (Monday 09:00)', until: at(now, daysToMonday, 9) });
  return presets;
}

/** A `datetime-local` input's value (local time, minutes) to a Date; null when empty or invalid. */
export function parseLocalDateTime(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}
