import type { SavedReply } from '@helpstack/contracts';
import type { SavedReplyRow } from './queries.ts';

export const toSavedReply = (r: SavedReplyRow): SavedReply => ({
  id: r.id,
  shortcut: r.shortcut,
  title: r.title,
  content: r.content,
  channelId: r.channelId,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
