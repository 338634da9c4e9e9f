import { verifyMe } from '../meta/graph.ts';
import type { AccountOwnership } from '../ownership-types.ts';

export const facebookOwnership: AccountOwnership<'FACEBOOK'> = {
  label: 'Facebook page',
  tokenField: 'accessToken',
  accountIdOf: (c) => c.pageId,
  verify: (urls, c) => verifyMe(urls.META_GRAPH_URL, c.accessToken, c.pageId, 'Facebook page'),
};
