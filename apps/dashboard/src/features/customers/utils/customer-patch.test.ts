import { describe, expect, test } from 'vitest';
import { customerForm, customerPatch } from './customer-patch.ts';

const vera = { name: 'Vera', email: 'vera@example.com', phone: null };

describe('customerPatch', () => {
  test('only what changed; an emptied field is null; whitespace is no change', () => {
    expect(customerPatch(vera, customerForm(vera))).toEqual({});
    expect(customerPatch(vera, { name: ' Vera Lind ', email: 'vera@example.com', phone: '' })).toEqual({ name: 'Vera Lind' });
    expect(customerPatch(vera, { name: 'Vera', email: '  ', phone: '+49 30 1234' })).toEqual({ email: null, phone: '+49 30 1234' });
    expect(customerPatch({ name: null, email: null, phone: null }, { name: '   ', email: '', phone: '' })).toEqual({});
  });
});
