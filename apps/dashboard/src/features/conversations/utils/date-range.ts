/**
 * The inbox's date range on last activity (`since` inclusive, `until` exclusive — CONTRACT §12), in the
 * agent's local days: presets (today, last 7 days, last 30 days) and a custom from/to pair of dates.
 */
export type DateRange = { since?: string; until?: string };
export type DateRangePreset = { key: string; label: string; range: DateRange };

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An untrusted URL value to a canonical ISO date-time (UTC), or undefined. */
export function parseInstant(value: unknown): string | undefined {
  if (typeof value !== 'string' || !ISO_DATE_TIME.test(value.trim())) return undefined;
  const t = Date.parse(value.trim());
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** Both ends parsed; an empty range (since ≥ until) keeps only `since`, as the API would refuse it. */
export function parseDateRange(raw: { since?: unknown; until?: unknown }): DateRange {
  const since = parseInstant(raw.since);
  let until = parseInstant(raw.until);
  if (since && until && Date.parse(since) >= Date.parse(until)) until = undefined;
  return { ...(since ? { since } : {}), ...(until ? { until } : {}) };
}

/** Local midnight `days` days from `now`'s day. */
const startOfDay = (now: Date, days = 0) => {
  const d = new Date(now);
  d.setDate(d.getDate() + days);
  d.setHours(0, 0, 0, 0);
  return d;
};

export function dateRangePresets(now: Date = new Date()): DateRangePreset[] {
  return [
    { key: 'today', label: 'Today', range: { since: startOfDay(now).toISOString() } },
    { key: '7d', label: 'Last 7 days', range: { since: startOfDay(now, -6).toISOString() } },
    { key: '30d', label: 'Last 30 days', range: { since: startOfDay(now, -29).toISOString() } },
  ];
}

/** `YYYY-MM-DD` (a date input's value) to local midnight; null when empty or invalid. */
function dayStart(day: string): Date | null {
  if (!DAY.test(day)) return null;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  return date.getMonth() === m - 1 ? date : null;
}

/** A custom range of whole local days: from the start of `from` to the end of `to` (both optional). */
export function customDateRange(from: string, to: string): DateRange {
  const start = dayStart(from);
  const end = dayStart(to);
  if (end) end.setDate(end.getDate() + 1);
  return parseDateRange({ since: start?.toISOString(), until: end?.toISOString() });
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A Date to a date input's local `YYYY-MM-DD`. */
export const toDayInput = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The preset a range is (while it is still the same day), else null. */
export function presetOf(range: DateRange, now: Date = new Date()): DateRangePreset | null {
  if (range.until) return null;
  return dateRangePresets(now).find((p) => p.range.since === range.since) ?? null;
}

/** The chip's label: a preset's name, or "12 Mar – 20 Mar" in local days (until is exclusive). */
export function describeDateRange(range: DateRange, now: Date = new Date()): string | null {
  if (!range.since && !range.until) return null;
  const preset = presetOf(range, now);
  if (preset) return preset.label;
  const fmt = (d: Date) => d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: d.getFullYear() === now.getFullYear() ? undefined : 'numeric' });
  const from = range.since ? fmt(new Date(range.since)) : null;
  const to = range.until ? fmt(new Date(Date.parse(range.until) - 1)) : null;
  if (from && to) return from === to ? from : `${from} – ${to}`;
  return from ? `Since ${from}` : `Until ${to}`;
}

/** Whether a time (ISO) falls in the range. */
export const inDateRange = (at: string, range: DateRange) => {
  const t = Date.parse(at);
  return (!range.since || t >= Date.parse(range.since)) && (!range.until || t < Date.parse(range.until));
};
