import type { Tag } from '@helpstack/contracts';
import { sql } from 'drizzle-orm';
import { conversations, conversationTags, customers, tags } from '../../db/schema/index.ts';

/** What every conversation query selects: the conversation, its tags and its customer. */
export const conversationColumns = {
  id: conversations.id,
  channelId: conversations.channelId,
  subject: conversations.subject,
  status: conversations.status,
  priority: conversations.priority,
  assignedToId: conversations.assignedToId,
  language: conversations.language,
  notes: conversations.notes,
  context: conversations.context,
  unreadCount: conversations.unreadCount,
  lastMessageAt: conversations.lastMessageAt,
  lastMessagePreview: conversations.lastMessagePreview,
  snoozedUntil: conversations.snoozedUntil,
  // A correlated subquery in the same statement: the tags of a whole page come with it (no N+1).
  tags: sql<Tag[]>`coalesce((select json_agg(json_build_object('id', ${tags.id}, 'name', ${tags.name}, 'color', ${tags.color}) order by lower(${tags.name}))
    from ${conversationTags} join ${tags} on ${tags.id} = ${conversationTags.tagId}
    where ${conversationTags.conversationId} = ${conversations.id}), '[]'::json)`.as('tags'),
  createdAt: conversations.createdAt,
  updatedAt: conversations.updatedAt,
  customerId: customers.id,
  customerName: customers.name,
  customerEmail: customers.email,
  customerPhone: customers.phone,
  customerColor: customers.color,
};
