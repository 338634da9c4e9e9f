import type { List, Tag } from '@helpstack/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './api-client.ts';

/**
 * The organization's tags (CONTRACT §12): read by the inbox (rows, filter, bulk bar, picker) and managed in
 * Settings → Tags, so both features share this one query (and its key, which writes invalidate).
 */
export const getTags = (signal?: AbortSignal) => api.get<List<Tag>>('/api/tags', { signal });

export const tagKeys = { all: ['tags'] as const };

export const getTagsQueryOptions = () => queryOptions({ queryKey: tagKeys.all, queryFn: ({ signal }) => getTags(signal), staleTime: 60_000 });

export const useTags = () => useQuery(getTagsQueryOptions());

/**
 * A conversation's tags as the tags list has them now: a renamed or recoloured tag shows its new look and a
 * deleted one disappears without refetching the conversations (they carry a copy). Before the list loads, the copy.
 */
export function currentTags<T extends { id: string }>(carried: T[], byId: ReadonlyMap<string, T> | undefined): T[] {
  if (!byId) return carried;
  return carried.flatMap((t) => byId.get(t.id) ?? []);
}
