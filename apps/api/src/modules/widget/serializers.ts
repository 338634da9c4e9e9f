import type { VisitorMessage } from '@helpstack/contracts';
import type { MessageAttachment } from '../../db/schema/index.ts';

interface VisitorMessageSource {
  id: string;
  conversationId: string;
  direction: 'INBOUND' | 'OUTBOUND';
  senderType: 'CUSTOMER' | 'AGENT' | 'AI' | 'SYSTEM';
  content: string;
  translatedContent: string | null;
  attachments: MessageAttachment[];
  clientMessageId: string | null;
  createdAt: Date | string;
}

/** A visitor downloads attachments through the public widget route, proving who they are with visitorId. */
export const visitorMediaUrl = (channelId: string, visitorId: string, mediaId: string) =>
  `/api/widget/${encodeURIComponent(channelId)}/media/${encodeURIComponent(mediaId)}?visitorId=${encodeURIComponent(visitorId)}`;

/**
 * What a visitor may see of a message: agents' replies in the customer's language when translated,
 * and no author ids, delivery internals or notes.
 */
export function toVisitorMessage(m: VisitorMessageSource, ids: { channelId: string; visitorId: string }): VisitorMessage {
  return {
    id: m.id,
    conversationId: m.conversationId,
    direction: m.direction,
    senderType: m.senderType,
    content: m.direction === 'OUTBOUND' ? (m.translatedContent ?? m.content) : m.content,
    attachments: m.attachments.map((a) => ({ id: a.id, name: a.name, mimeType: a.mimeType, size: a.size, url: visitorMediaUrl(ids.channelId, ids.visitorId, a.id) })),
    clientMessageId: m.clientMessageId,
    createdAt: typeof m.createdAt === 'string' ? m.createdAt : m.createdAt.toISOString(),
  };
}
