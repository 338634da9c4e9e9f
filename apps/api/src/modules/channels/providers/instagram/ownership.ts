import { verifyMe } from './graph.ts';
import type { AccountOwnership } from './types.ts';

export const instagram: AccountOwnership<'INSTAGRAM'> = {
  label: 'Instagram account',
  tokenField: 'accessToken',
  accountIdOf: (c) => c.accountId,
  verify: (urls, c) => verifyMe(urls.META_GRAPH_URL, c.accessToken, c.accountId, 'Instagram account'),
};
