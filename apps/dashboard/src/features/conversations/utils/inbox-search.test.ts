import { describe, expect, it } from 'vitest';
import { activeFilterCount, countFilters, inboxFilters, parseInboxSearch } from './inbox-search.ts';

describe('parseInboxSearch', () => {
  it('reads every filter from the URL', () => {
    expect(parseInboxSearch({ status: 'CLOSED', channel: 'ch_1', assignee: 'me', unread: 'true', lang: 'DE', q: 'refund' })).toEqual({
      status: 'CLOSED',
      channel: 'ch_1',
      assignee: 'me',
      unread: true,
      lang: 'de',
      q: 'refund',
    });
  });

  it('accepts the router\'s JSON-parsed values (booleans and numbers)', () => {
    expect(parseInboxSearch({ unread: true, q: 42 })).toEqual({ unread: true, q: '42' });
  });

  it('leaves defaults out: OPEN status, unread false, empty search', () => {
    expect(parseInboxSearch({ status: 'OPEN', unread: 'false', q: '   ' })).toEqual({});
    expect(parseInboxSearch({})).toEqual({});
  });

  it('is case-insensitive on the status and drops unknown ones', () => {
    expect(parseInboxSearch({ status: 'pending' })).toEqual({ status: 'PENDING' });
    expect(parseInboxSearch({ status: 'SNOOZED' })).toEqual({});
  });

  it('drops values of the wrong type or size from hand-edited URLs', () => {
    expect(parseInboxSearch({ channel: ['a', 'b'], assignee: { x: 1 }, lang: 'x', unread: 'yes' })).toEqual({});
    expect(parseInboxSearch({ channel: 'c'.repeat(101) })).toEqual({});
    expect(parseInboxSearch({ q: 'a'.repeat(300) }).q).toHaveLength(200);
  });
});

describe('inboxFilters', () => {
  it('maps the URL to the API query, OPEN by default', () => {
    expect(inboxFilters({})).toEqual({ status: 'OPEN' });
    expect(inboxFilters({ status: 'ARCHIVED', channel: 'c1', assignee: 'none', unread: true, lang: 'sl', q: ' late order ' })).toEqual({
      status: 'ARCHIVED',
      channelId: 'c1',
      assignedToId: 'none',
      unread: true,
      language: 'sl',
      search: 'late order',
    });
  });

  it('counts ignore the tab and the search', () => {
    expect(countFilters({ status: 'CLOSED', q: 'x', channel: 'c1' })).toEqual({ channelId: 'c1' });
  });

  it('counts the active filters for the Filters badge', () => {
    expect(activeFilterCount({ status: 'CLOSED', q: 'x' })).toBe(0);
    expect(activeFilterCount({ channel: 'c', assignee: 'me', unread: true, lang: 'de' })).toBe(4);
  });

  it('search everywhere: a search without a picked tab asks for every status; OPEN picked beside a search is kept', () => {
    expect(inboxFilters({ q: 'refund' })).toEqual({ search: 'refund' });
    expect(parseInboxSearch({ status: 'OPEN', q: 'refund' })).toEqual({ status: 'OPEN', q: 'refund' });
    expect(inboxFilters(parseInboxSearch({ status: 'OPEN', q: 'refund' }))).toEqual({ status: 'OPEN', search: 'refund' });
  });

  it('tag and the Snoozed view come from the URL; Snoozed is PENDING with a snooze and leaves the tab counts alone', () => {
    expect(parseInboxSearch({ tag: 't1', snoozed: 'true' })).toEqual({ tag: 't1', snoozed: true });
    expect(inboxFilters({ tag: 't1', snoozed: true })).toEqual({ status: 'PENDING', tag: 't1', snoozed: true });
    expect(countFilters({ tag: 't1', snoozed: true })).toEqual({ tag: 't1' });
    expect(activeFilterCount({ tag: 't1' })).toBe(1);
  });
});

