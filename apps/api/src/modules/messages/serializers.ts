import { mediaDownloadUrl, type Message, type VisitorMessage } from '@helpstack/contracts';
import type { MessageAttachment } from '../../db/schema/index.ts';
import type { MessageRow } from './queries.ts';

/**
 * Who a message is shown to. Agents see everything (authors, delivery state, both languages); the
 * website visitor sees agents' replies in its own language and downloads attachments through the
 * public widget route, proving who it is with its visitorId.
 */
export type MessageAudience = { kind: 'agent' } | { kind: 'visitor'; channelId: string; visitorId: string };
export const AGENT_AUDIENCE = { kind: 'agent' } as const satisfies MessageAudience;

/** What the visitor audience needs of a message (the widget's history query selects no more). */
export interface VisitorMessageSource {
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

export const visitorMediaUrl = (channelId: string, visitorId: string, mediaId: string) =>
  `/api/widget/${encodeURIComponent(channelId)}/media/${encodeURIComponent(mediaId)}?visitorId=${encodeURIComponent(visitorId)}`;

const isoOf = (at: Date | string) => (typeof at === 'string' ? at : at.toISOString());

/** The one message serializer: the same row, shaped for its audience (CONTRACT §3 for agents, §5 for visitors). */
export function serializeMessage(m: MessageRow, audience: { kind: 'agent' }): Message;
export function serializeMessage(m: VisitorMessageSource, audience: Extract<MessageAudience, { kind: 'visitor' }>): VisitorMessage;
export function serializeMessage(m: MessageRow | VisitorMessageSource, audience: MessageAudience): Message | VisitorMessage {
  if (audience.kind === 'visitor') {
    const v = m as VisitorMessageSource;
    return {
      id: m.id,
      conversationId: m.conversationId,
      direction: m.direction,
      senderType: m.senderType,
      // No author ids, delivery internals or notes; a translated reply in the customer's language.
      content: m.direction === 'OUTBOUND' ? (m.translatedContent ?? m.content) : m.content,
      attachments: m.attachments.map((a) => ({ id: a.id, name: a.name, mimeType: a.mimeType, size: a.size, url: visitorMediaUrl(audience.channelId, audience.visitorId, a.id) })),
      clientMessageId: v.clientMessageId,
      createdAt: isoOf(m.createdAt),
    };
  }
  const row = m as MessageRow;
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
    translationStatus: row.translationStatus,
    originalContent: row.originalContent,
    approved: row.approved,
    status: row.status,
    error: row.error,
    attempts: row.attempts,
    attachments: row.attachments.map((a) => ({ id: a.id, name: a.name, mimeType: a.mimeType, size: a.size, url: mediaDownloadUrl(a.id) })),
    private: row.private,
    mentions: row.mentions,
    email: row.emailSubject == null && row.emailHtml == null ? null : { subject: row.emailSubject ?? null, html: row.emailHtml ?? null },
    createdAt: isoOf(row.createdAt),
  };
}

/** The agent view, for `.map(toMessage)`. */
export const toMessage = (m: MessageRow): Message => serializeMessage(m, AGENT_AUDIENCE);
