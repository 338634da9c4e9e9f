import type { Customer, UpdateCustomerBody } from '@helpstack/contracts';

export type CustomerForm = { name: string; email: string; phone: string };

export const customerForm = (c: Pick<Customer, 'name' | 'email' | 'phone'>): CustomerForm => ({ name: c.name ?? '', email: c.email ?? '', phone: c.phone ?? '' });

/**
 * What the edit form changed, as a PATCH body: only the fields that differ (so saving an untouched form is no
 * request, and one agent's e-mail fix never overwrites another's phone fix); an emptied field clears it (null).
 */
export function customerPatch(before: Pick<Customer, 'name' | 'email' | 'phone'>, form: CustomerForm): Pick<UpdateCustomerBody, 'name' | 'email' | 'phone'> {
  const patch: Pick<UpdateCustomerBody, 'name' | 'email' | 'phone'> = {};
  for (const key of ['name', 'email', 'phone'] as const) {
    const value = form[key].trim() || null;
    if (value !== before[key]) patch[key] = value;
  }
  return patch;
}
