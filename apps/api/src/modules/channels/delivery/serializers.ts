import { mediaDownloadUrl } from '@helpstack/contracts';
import type { messages } from '../../../db/schema/index.ts';

type MessageRow = typeof messages.$inferSelect;

/**
 * `data` of the `message.updated` events delivery publishes: the message as the messages API shows it
 * (CONTRACT §3), plus the delivery fields agents need on a failing reply: `error`, `attempts`, and when
 * it was sent and delivered.
 */
export function toDeliveryEvent(row: MessageRow) {
  return {
    id: row.id,
    conversationId: row.conversationId,
    direction: row.direction,
    senderType: row.senderType,
    authorId: row.authorId,
    content: row.content,
    translatedContent: row.translatedContent,
    language: row.language,
    translatedLanguage: row.translatedLanguage,
    approved: row.approved,
    status: row.status,
    error: row.error,
    attempts: row.attempts,
    attachments: row.attachments.map((a) => ({ id: a.id, name: a.name, mimeType: a.mimeType, size: a.size, url: mediaDownloadUrl(a.id) })),
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}
