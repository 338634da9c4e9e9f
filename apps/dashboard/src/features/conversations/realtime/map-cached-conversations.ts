import type { Conversation } from '@helpstack/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { conversationKeys } from '../api/keys.ts';
import type { ConversationPages } from '../utils/cache-updates.ts';

/**
 * Applies `patch` to every cached conversation (list rows and details) for an organization-level change
 * (a tag, a customer). `patch` answers the same object when it changes nothing, so untouched pages and
 * queries keep their identity and do not re-render.
 */
export function mapCachedConversations(queryClient: QueryClient, patch: (c: Conversation) => Conversation) {
  queryClient.setQueriesData<ConversationPages>({ queryKey: conversationKeys.lists() }, (old) => {
    if (!old) return old;
    let changed = false;
    const pages = old.pages.map((page) => {
      const items = page.items.map(patch);
      if (items.every((c, i) => c === page.items[i])) return page;
      changed = true;
      return { ...page, items };
    });
    return changed ? { ...old, pages } : old;
  });
  queryClient.setQueriesData<Conversation>({ queryKey: conversationKeys.details() }, (old) => (old ? patch(old) : old));
}
