import type { Organization, UpdateOrganizationBody } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { organizationKey } from './get-organization.ts';

export const updateOrganization = (body: UpdateOrganizationBody) => api.patch<Organization>('/api/organization', body);

export function useUpdateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateOrganization,
    onSuccess: (organization) => {
      queryClient.setQueryData(organizationKey, organization);
      // The session carries the organization too (its name is in the navigation).
      return queryClient.invalidateQueries({ queryKey: ['auth', 'session'] });
    },
  });
}
