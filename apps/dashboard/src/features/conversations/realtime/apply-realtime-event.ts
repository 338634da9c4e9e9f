import type { Conversation, Message, RealtimeEventFrame } from '@helpstack/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { deleteConversationFromCaches, writeConversation } from '../api/conversation-cache.ts';
import { findCachedConversation } from '../api/get-conversation.ts';
import { conversationKeys } from '../api/keys.ts';
import { addMessage, updateMessage, type MessagePages } from '../utils/cache-updates.ts';
import { setTyping, VISITOR } from '../stores/typing-store.ts';

export type RealtimeCacheContext = {
  /** The signed-in user (for "assigned to me" lists and to recognise one's own replies). */
  meId: string | null;
  /** Counts could not be moved exactly (the conversation was not cached): refresh them, debounced. */
  refreshCountsSoon: () => void;
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isConversation = (v: unknown): v is Conversation => isRecord(v) && typeof v.id === 'string' && typeof v.status === 'string' && typeof v.lastMessageAt === 'string';
const isMessage = (v: unknown): v is Message => isRecord(v) && typeof v.id === 'string' && typeof v.conversationId === 'string';

/**
 * Applies one realtime event to the query cache, in place: no list is refetched per event. Returns
 * whether the event was one the conversations feature handles.
 */
export function applyRealtimeEvent(queryClient: QueryClient, frame: Pick<RealtimeEventFrame, 'type' | 'data'>, ctx: RealtimeCacheContext): boolean {
  const { data } = frame;
  switch (frame.type) {
    case 'conversation.created':
    case 'conversation.updated': {
      if (!isConversation(data)) return true;
      // A created conversation had no previous state; an updated one we never saw is unknown.
      const previous = findCachedConversation(queryClient, data.id) ?? (frame.type === 'conversation.created' ? null : undefined);
      if (!writeConversation(queryClient, data, ctx.meId, previous)) ctx.refreshCountsSoon();
      return true;
    }
    case 'conversation.deleted': {
      if (!isRecord(data) || typeof data.id !== 'string') return true;
      if (!deleteConversationFromCaches(queryClient, data.id, ctx.meId)) ctx.refreshCountsSoon();
      return true;
    }
    case 'message.created': {
      if (!isMessage(data)) return true;
      queryClient.setQueryData<MessagePages>(conversationKeys.messages(data.conversationId), (old) => addMessage(old, data, ctx.meId));
      if (data.direction === 'INBOUND') setTyping(data.conversationId, VISITOR, false);
      return true;
    }
    case 'message.updated': {
      if (!isMessage(data)) return true;
      queryClient.setQueryData<MessagePages>(conversationKeys.messages(data.conversationId), (old) => updateMessage(old, data));
      return true;
    }
    case 'typing': {
      if (!isRecord(data) || typeof data.conversationId !== 'string' || typeof data.typing !== 'boolean') return true;
      if (data.visitor === true) setTyping(data.conversationId, VISITOR, data.typing);
      else if (typeof data.userId === 'string' && data.userId !== ctx.meId) setTyping(data.conversationId, data.userId, data.typing);
      return true;
    }
    default:
      return false;
  }
}
