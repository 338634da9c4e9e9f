import { describe, expect, it } from 'vitest';
import { currentTags } from './tags.ts';

describe('currentTags', () => {
  const carried = [{ id: 'a', name: 'Billing', color: 'blue' }, { id: 'b', name: 'Gone', color: 'red' }];
  it('shows the list\'s current name and colour and drops deleted tags', () => {
    const byId = new Map([['a', { id: 'a', name: 'Invoices', color: 'grape' }]]);
    expect(currentTags(carried, byId)).toEqual([{ id: 'a', name: 'Invoices', color: 'grape' }]);
  });
  it('keeps the carried copy until the list has loaded', () => {
    expect(currentTags(carried, undefined)).toBe(carried);
  });
});
