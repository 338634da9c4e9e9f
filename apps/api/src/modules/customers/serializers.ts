import type { Customer } from '@helpstack/contracts';
import type { CustomerRow } from './queries.ts';

export const toCustomer = (c: CustomerRow): Customer => ({
  id: c.id,
  name: c.name,
  email: c.email,
  phone: c.phone,
  avatarUrl: c.avatarUrl,
  color: c.color,
  language: c.language,
  metadata: c.metadata,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});
