import { graphGet } from './graph.ts';
import type { AccountOwnership } from './types.ts';

export const whatsapp: AccountOwnership<'WHATSAPP'> = {
  label: 'WhatsApp phone number',
  tokenField: 'accessToken',
  accountIdOf: (c) => c.phoneNumberId,
  // Graph answers a phone number object only to a token with access to it.
  verify: async (urls, c) => {
    await graphGet(
      urls.META_GRAPH_URL,
      `/${encodeURIComponent(c.phoneNumberId)}?fields=id,display_phone_number`,
      c.accessToken,
      `Meta refused this access token for phone number ${c.phoneNumberId}`,
    );
  },
};
