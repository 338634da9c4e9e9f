import type { Conversation, List, Tag } from '@helpstack/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { tagKeys } from '../../../lib/tags.ts';
import { mapCachedConversations } from './map-cached-conversations.ts';

/** A conversation's tags after the change: `next` null takes the tag off. Same array when it does not carry the tag. */
function retag(tags: Tag[], id: string, next: Tag | null): Tag[] {
  if (!tags.some((t) => t.id === id)) return tags;
  return tags.flatMap((t) => (t.id !== id ? [t] : next ? [next] : []));
}

function retagConversation(c: Conversation, id: string, next: Tag | null): Conversation {
  const tags = retag(c.tags, id, next);
  return tags === c.tags ? c : { ...c, tags };
}

/**
 * `tag.updated` / `tag.deleted`: the server sends ONE event per tag (a tag can be on 100k conversations), so
 * every cached conversation carrying it — list rows and details — and the tag list are patched here, in place.
 * Conversations not cached need nothing: they are read with the tag as it is now.
 */
export function applyTagChange(queryClient: QueryClient, id: string, next: Tag | null) {
  mapCachedConversations(queryClient, (c) => retagConversation(c, id, next));
  queryClient.setQueryData<List<Tag>>(tagKeys.all, (old) => {
    if (!old || !old.items.some((t) => t.id === id)) return old;
    const items = retag(old.items, id, next);
    return { ...old, items, pagination: { ...old.pagination, total: old.pagination.total - (old.items.length - items.length) } };
  });
}
