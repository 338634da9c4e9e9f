import type { Organization } from '@helpstack/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

export const getOrganization = (signal?: AbortSignal) => api.get<Organization>('/api/organization', { signal });

export const organizationKey = ['organization'] as const;

export const getOrganizationQueryOptions = () =>
  queryOptions({ queryKey: organizationKey, queryFn: ({ signal }) => getOrganization(signal), staleTime: 30_000 });

export const useOrganization = () => useQuery(getOrganizationQueryOptions());
