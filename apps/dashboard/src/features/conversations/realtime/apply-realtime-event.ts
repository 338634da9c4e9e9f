import type { DomainEvent, RealtimeSignalFrame } from '@helpstack/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { deleteConversationFromCaches, writeConversation } from '../api/conversation-cache.ts';
import { findCachedConversation } from '../api/get-conversation.ts';
import { conversationKeys } from '../api/keys.ts';
import { addMessage, updateMessage, type MessagePages } from '../utils/cache-updates.ts';
import { setTyping, VISITOR } from '../stores/typing-store.ts';
import { applyCustomerUpdate } from './apply-customer-event.ts';
import { applyTagChange } from './apply-tag-event.ts';

export type RealtimeCacheContext = {
  /** The signed-in user (for "assigned to me" lists and to recognise one's own replies). */
  meId: string | null;
  /** Counts could not be moved exactly (the conversation was not cached): refresh them, debounced. */
  refreshCountsSoon: () => void;
};

/**
 * Applies one realtime event (already parsed against the contract by the connection) to the query
 * cache, in place: no list is refetched per event. Returns whether the conversations feature handles it.
 */
export function applyRealtimeEvent(queryClient: QueryClient, frame: DomainEvent | RealtimeSignalFrame, ctx: RealtimeCacheContext): boolean {
  switch (frame.type) {
    case 'conversation.created':
    case 'conversation.updated': {
      const { data } = frame;
      // A created conversation had no previous state; an updated one we never saw is unknown.
      const previous = findCachedConversation(queryClient, data.id) ?? (frame.type === 'conversation.created' ? null : undefined);
      if (!writeConversation(queryClient, data, ctx.meId, previous)) ctx.refreshCountsSoon();
      return true;
    }
    case 'conversation.deleted': {
      if (!deleteConversationFromCaches(queryClient, frame.data.id, ctx.meId)) ctx.refreshCountsSoon();
      return true;
    }
    case 'message.created': {
      const { data } = frame;
      queryClient.setQueryData<MessagePages>(conversationKeys.messages(data.conversationId), (old) => addMessage(old, data, ctx.meId));
      if (data.direction === 'INBOUND') setTyping(data.conversationId, VISITOR, false);
      return true;
    }
    case 'message.updated': {
      const { data } = frame;
      queryClient.setQueryData<MessagePages>(conversationKeys.messages(data.conversationId), (old) => updateMessage(old, data));
      return true;
    }
    case 'tag.updated':
      applyTagChange(queryClient, frame.data.id, frame.data);
      return true;
    case 'tag.deleted':
      applyTagChange(queryClient, frame.data.id, null);
      return true;
    case 'customer.updated':
      applyCustomerUpdate(queryClient, frame.data);
      return true;
    case 'typing': {
      const { data } = frame;
      if ('visitor' in data) setTyping(data.conversationId, VISITOR, data.typing);
      else if (data.userId !== ctx.meId) setTyping(data.conversationId, data.userId, data.typing);
      return true;
    }
    default:
      return false;
  }
}
