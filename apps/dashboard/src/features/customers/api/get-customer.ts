import type { Customer } from '@helpstack/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { customerKeys } from '../../../lib/customer-keys.ts';

export const getCustomer = (id: string, signal?: AbortSignal) => api.get<Customer>(`/api/customers/${encodeURIComponent(id)}`, { signal });

export const getCustomerQueryOptions = (id: string) =>
  queryOptions({ queryKey: customerKeys.detail(id), queryFn: ({ signal }) => getCustomer(id, signal), staleTime: 60_000 });

export const useCustomer = (id: string | undefined) => useQuery({ ...getCustomerQueryOptions(id ?? ''), enabled: Boolean(id) });
