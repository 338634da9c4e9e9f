import type { Customer, UpdateCustomerBody } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { getCustomerQueryOptions } from './get-customer.ts';

export const updateCustomer = ({ id, body }: { id: string; body: UpdateCustomerBody }) =>
  api.patch<Customer>(`/api/customers/${encodeURIComponent(id)}`, body);

export function useUpdateCustomer({ onSaved }: { onSaved?: (customer: Customer) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCustomer,
    onSuccess: (customer) => {
      queryClient.setQueryData(getCustomerQueryOptions(customer.id).queryKey, customer);
      // Search results name them too.
      void queryClient.invalidateQueries({ queryKey: ['customers', 'quick-search'] });
      onSaved?.(customer);
    },
  });
}
