import type { Conversation } from '@helpstack/contracts';
import type { ConversationRow } from './queries.ts';

export const toConversation = (r: ConversationRow): Conversation => ({
  id: r.id,
  channelId: r.channelId,
  customer: r.customerId ? { id: r.customerId, name: r.customerName, email: r.customerEmail, phone: r.customerPhone, color: r.customerColor } : null,
  subject: r.subject,
  status: r.status,
  priority: r.priority,
  assignedToId: r.assignedToId,
  language: r.language,
  notes: r.notes,
  context: r.context ?? null,
  unread: r.unreadCount > 0,
  unreadCount: r.unreadCount,
  lastMessageAt: r.lastMessageAt.toISOString(),
  lastMessagePreview: r.lastMessagePreview,
  tags: r.tags,
  snoozedUntil: r.snoozedUntil ? r.snoozedUntil.toISOString() : null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
