/**
 * Query keys of a customer's record: the customers feature reads it (side panel, customer page) and the
 * conversations feature's realtime handler writes `customer.updated` into it, so both take the key from here.
 */
export const customerKeys = {
  detail: (id: string) => ['customers', 'detail', id] as const,
};
