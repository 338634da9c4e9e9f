import { verifyMe } from '../meta/graph.ts';
import type { AccountOwnership } from '../ownership-types.ts';

export const instagramOwnership: AccountOwnership<'INSTAGRAM'> = {
  label: 'Instagram account',
  tokenField: 'accessToken',
  accountIdOf: (c) => c.accountId,
  verify: (urls, c) => verifyMe(urls.META_GRAPH_URL, c.accessToken, c.accountId, 'Instagram account'),
};
