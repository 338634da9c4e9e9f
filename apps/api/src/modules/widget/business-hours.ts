import type { BusinessHours } from '@helpstack/contracts';

/**
 * Whether `now` falls in one of the opening windows, read in the channel's time zone (Intl does the
 * zone and DST maths; windows never cross midnight, per the widget-config schema).
 */
export function isWithinBusinessHours(hours: BusinessHours, now: Date = new Date()): boolean {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: hours.timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  const time = `${get('hour')}:${get('minute')}`;
  return hours.days.some((w) => w.day === day && w.open <= time && time < w.close);
}
