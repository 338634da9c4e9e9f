import { verifyMe } from './graph.ts';
import type { AccountOwnership } from './types.ts';

export const facebook: AccountOwnership<'FACEBOOK'> = {
  label: 'Facebook page',
  tokenField: 'accessToken',
  accountIdOf: (c) => c.pageId,
  verify: (urls, c) => verifyMe(urls.META_GRAPH_URL, c.accessToken, c.pageId, 'Facebook page'),
};
