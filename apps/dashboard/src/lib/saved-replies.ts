import type { List, SavedReply } from '@helpstack/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './api-client.ts';

/**
 * The organization's saved replies (CONTRACT §12): read by the composer's `/` picker and managed in
 * Settings → Saved replies, so both features share this one query (and its key, which writes invalidate).
 */
export const getSavedReplies = (signal?: AbortSignal) => api.get<List<SavedReply>>('/api/saved-replies', { signal });

export const savedReplyKeys = { all: ['saved-replies'] as const };

export const getSavedRepliesQueryOptions = () =>
  queryOptions({ queryKey: savedReplyKeys.all, queryFn: ({ signal }) => getSavedReplies(signal), staleTime: 60_000 });

export const useSavedReplies = () => useQuery(getSavedRepliesQueryOptions());
