import { describe, expect, it } from 'vitest';
import { matchesFilters } from './conversation-filters.ts';
import { customDateRange, dateRangePresets, describeDateRange, parseDateRange, presetOf } from './date-range.ts';
import { activeFilterCount, inboxFilters, parseInboxSearch } from './inbox-search.ts';

describe('date range in the URL', () => {
  it('keeps valid ISO date-times (canonical UTC), drops anything else', () => {
    expect(parseInboxSearch({ since: '2026-03-01T00:00:00Z', until: '2026-03-08T01:00:00+01:00' })).toEqual({
      since: '2026-03-01T00:00:00.000Z',
      until: '2026-03-08T00:00:00.000Z',
    });
    expect(parseInboxSearch({ since: 'yesterday', until: '2026-03-01' })).toEqual({});
    expect(parseInboxSearch({ since: '2026-13-01T00:00:00Z', until: 12 })).toEqual({});
    expect(parseInboxSearch({ since: ['2026-03-01T00:00:00Z'] })).toEqual({});
  });

  it('an empty range (since ≥ until) keeps only since, as the API refuses it', () => {
    expect(parseDateRange({ since: '2026-03-08T00:00:00Z', until: '2026-03-01T00:00:00Z' })).toEqual({ since: '2026-03-08T00:00:00.000Z' });
    expect(parseDateRange({ since: '2026-03-01T00:00:00Z', until: '2026-03-01T00:00:00Z' })).toEqual({ since: '2026-03-01T00:00:00.000Z' });
  });

  it('goes to the API query, counts as one filter, and decides list membership on lastMessageAt', () => {
    const search = parseInboxSearch({ status: 'CLOSED', since: '2026-03-01T00:00:00Z', until: '2026-03-08T00:00:00Z' });
    const filters = inboxFilters(search);
    expect(filters).toEqual({ status: 'CLOSED', since: '2026-03-01T00:00:00.000Z', until: '2026-03-08T00:00:00.000Z' });
    expect(activeFilterCount(search)).toBe(1);
    const conversation = (lastMessageAt: string) => ({ status: 'CLOSED', lastMessageAt, tags: [] }) as never;
    expect(matchesFilters(conversation('2026-03-01T00:00:00Z'), filters, null)).toBe(true);
    expect(matchesFilters(conversation('2026-03-08T00:00:00Z'), filters, null)).toBe(false);
    expect(matchesFilters(conversation('2026-02-28T23:59:59Z'), filters, null)).toBe(false);
  });
});

describe('presets and custom days (local time)', () => {
  const now = new Date(2026, 2, 10, 15, 30); // 10 March, 15:30 local

  it('today, last 7 and last 30 days start at a local midnight and have no end', () => {
    const [today, week, month] = dateRangePresets(now);
    expect(today!.range).toEqual({ since: new Date(2026, 2, 10).toISOString() });
    expect(week!.range).toEqual({ since: new Date(2026, 2, 4).toISOString() });
    expect(month!.range).toEqual({ since: new Date(2026, 1, 9).toISOString() });
    expect(presetOf(week!.range, now)?.label).toBe('Last 7 days');
    expect(describeDateRange(week!.range, now)).toBe('Last 7 days');
  });

  it('custom from/to covers whole days, the to day included', () => {
    expect(customDateRange('2026-03-01', '2026-03-05')).toEqual({
      since: new Date(2026, 2, 1).toISOString(),
      until: new Date(2026, 2, 6).toISOString(),
    });
    expect(customDateRange('', '2026-03-05')).toEqual({ until: new Date(2026, 2, 6).toISOString() });
    expect(customDateRange('2026-02-30', 'nope')).toEqual({});
    expect(presetOf(customDateRange('2026-03-01', '2026-03-05'), now)).toBeNull();
    expect(describeDateRange({}, now)).toBeNull();
  });
});
