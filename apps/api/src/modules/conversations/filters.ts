import type { ConversationStatus } from '@helpstack/contracts';

/** The filters of a conversation list (GET /api/conversations), as the queries and the counters take them. */
export interface ConversationFilters {
  status?: ConversationStatus;
  channelId?: string;
  customerId?: string;
  unread?: boolean;
  /** A user id; null for unassigned. */
  assignedToId?: string | null;
  language?: string;
  /** Conversations carrying every one of these tags. */
  tagIds?: string[];
  /** true: snoozed only; false: not snoozed. */
  snoozed?: boolean;
  /** Last activity at or after this time. */
  since?: Date;
  /** Last activity before this time. */
  until?: Date;
}
