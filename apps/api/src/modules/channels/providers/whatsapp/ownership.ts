import { graphGet } from '../meta/graph.ts';
import type { AccountOwnership } from '../ownership-types.ts';

export const whatsappOwnership: AccountOwnership<'WHATSAPP'> = {
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
