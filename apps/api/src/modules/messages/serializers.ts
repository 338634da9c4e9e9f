import { mediaDownloadUrl, type Message } from '@helpstack/contracts';
import type { MessageRow } from './queries.ts';

export const toMessage = (m: MessageRow): Message => ({
  id: m.id,
  conversationId: m.conversationId,
  direction: m.direction,
  senderType: m.senderType,
  authorId: m.authorId,
  content: m.content,
  translatedContent: m.translatedContent,
  language: m.language,
  translatedLanguage: m.translatedLanguage,
  approved: m.approved,
  status: m.status,
  error: m.error,
  attempts: m.attempts,
  attachments: m.attachments.map((a) => ({ id: a.id, name: a.name, mimeType: a.mimeType, size: a.size, url: mediaDownloadUrl(a.id) })),
  createdAt: m.createdAt.toISOString(),
});
