import type { Customer, List } from '@helpstack/contracts';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

/** Customers whose name, e-mail or phone matches (a quick jump: the first few). */
export const searchCustomers = (search: string, signal?: AbortSignal) =>
  api.get<List<Customer>>('/api/customers', { query: { search, pageSize: 5 }, signal });

export const searchCustomersQueryOptions = (search: string) =>
  queryOptions({ queryKey: ['customers', 'quick-search', search], queryFn: ({ signal }) => searchCustomers(search, signal), staleTime: 10_000 });
