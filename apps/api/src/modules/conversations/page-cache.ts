import { LRUCache } from 'lru-cache';

const MAX_PAGES = 5000;
const MAX_BYTES = 64 * 1024 * 1024;

interface Entry {
  /** The organization's inbox version (plugins/app/inbox-changes.ts) read before the page was. */
  version: number;
  /** The response body as sent. */
  body: string;
}

/**
 * Serialized list pages of this instance, per organization and query. An entry is served only while its
 * organization's inbox version is the one read before the page was — every committed change to a
 * conversation, its customer or its tags moves that version (migration 0018's triggers) — so a cached page
 * is never older than the last change committed before the request. Why: every realtime event makes each
 * open dashboard of the organization refetch the same first page, and polling integrators ask again and
 * again; all but the first of them now cost no query.
 */
export function createPageCache() {
  const pages = new LRUCache<string, Entry>({ max: MAX_PAGES, maxSize: MAX_BYTES, sizeCalculation: (e) => e.body.length + 64 });
  return {
    get(key: string, version: number): string | undefined {
      const entry = pages.get(key);
      return entry && entry.version === version ? entry.body : undefined;
    },
    set(key: string, version: number, body: string) {
      if (body.length < MAX_BYTES / 64) pages.set(key, { version, body });
    },
  };
}

/** The key of a list page: its organization and everything of the query that shapes the answer. */
export const pageKey = (organizationId: string, query: Record<string, unknown>): string =>
  `${organizationId}\n${JSON.stringify(query, Object.keys(query).sort())}`;
