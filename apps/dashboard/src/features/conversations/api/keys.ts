import type { ConversationFilters } from '../utils/conversation-filters.ts';

/** One tree of keys, so realtime and mutations can reach every list, count and thread by prefix. */
export const conversationKeys = {
  all: ['conversations'] as const,
  lists: () => ['conversations', 'list'] as const,
  list: (filters: ConversationFilters) => ['conversations', 'list', filters] as const,
  counts: () => ['conversations', 'counts'] as const,
  count: (filters: Omit<ConversationFilters, 'status' | 'search'>) => ['conversations', 'counts', filters] as const,
  details: () => ['conversations', 'detail'] as const,
  detail: (id: string) => ['conversations', 'detail', id] as const,
  threads: () => ['conversations', 'messages'] as const,
  messages: (conversationId: string) => ['conversations', 'messages', conversationId] as const,
};
