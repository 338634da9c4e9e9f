import { describe, expect, test } from 'vitest';
import { faqScope, ORG_WIDE, parseFaqsSearch } from './faq-scope.ts';

describe('faqScope', () => {
  const channels = ['web', 'mail', 'shop'];
  test('without a choice: where the FAQs are', () => {
    expect(faqScope(undefined, [{ channelId: 'shop' }, { channelId: 'mail' }], channels)).toBe('mail');
    expect(faqScope(undefined, [{ channelId: 'shop' }, { channelId: null }], channels)).toBe(ORG_WIDE);
    expect(faqScope(undefined, [], channels)).toBe(ORG_WIDE);
    expect(faqScope(undefined, [{ channelId: 'deleted' }], channels)).toBe(ORG_WIDE);
  });

  test('the choice in the URL wins while it exists, even when empty', () => {
    expect(faqScope('web', [{ channelId: 'shop' }], channels)).toBe('web');
    expect(faqScope(ORG_WIDE, [{ channelId: 'shop' }], channels)).toBe(ORG_WIDE);
    expect(faqScope('gone', [{ channelId: 'shop' }], channels)).toBe('shop');
  });
});

describe('parseFaqsSearch', () => {
  test('keeps a plausible channel, drops the rest', () => {
    expect(parseFaqsSearch({ channel: 'abc' })).toEqual({ channel: 'abc' });
    expect(parseFaqsSearch({ channel: '' })).toEqual({});
    expect(parseFaqsSearch({ channel: 3 })).toEqual({});
    expect(parseFaqsSearch({ channel: 'x'.repeat(101) })).toEqual({});
  });
});
