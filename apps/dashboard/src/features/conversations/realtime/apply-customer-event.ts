import type { Conversation, Customer, CustomerSummary } from '@helpstack/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { customerKeys } from '../../../lib/customer-keys.ts';
import { mapCachedConversations } from './map-cached-conversations.ts';

const summaryOf = (c: Customer): CustomerSummary => ({ id: c.id, name: c.name, email: c.email, phone: c.phone, color: c.color });

function withCustomer(conversation: Conversation, summary: CustomerSummary): Conversation {
  return conversation.customer?.id === summary.id ? { ...conversation, customer: summary } : conversation;
}

/**
 * `customer.updated`: every cached conversation of that customer (list rows, details) shows the customer as it is
 * now, and the customer's own queries (side panel) take the new record. Other caches are left as they are.
 */
export function applyCustomerUpdate(queryClient: QueryClient, customer: Customer) {
  const summary = summaryOf(customer);
  mapCachedConversations(queryClient, (c) => withCustomer(c, summary));
  // The customer's own record (side panel, customer page).
  queryClient.setQueryData<Customer>(customerKeys.detail(customer.id), (old) => (old ? customer : old));
}
