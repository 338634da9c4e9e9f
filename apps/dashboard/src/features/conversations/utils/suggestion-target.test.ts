import type { Message } from '@helpstack/contracts';
import { describe, expect, it } from 'vitest';
import type { ChatMessage, MessagePages } from './cache-updates.ts';
import { suggestionTargetId } from './suggestion-target.ts';

let clock = 0;
const msg = (id: string, patch: Partial<ChatMessage> = {}): ChatMessage => ({
  id, conversationId: 'c', direction: 'INBOUND', senderType: 'CUSTOMER', authorId: null, content: id,
  translatedContent: null, language: null, translatedLanguage: null, translationStatus: 'NONE', originalContent: null,
  approved: true, status: 'SENT', error: null, attempts: 0, attachments: [], private: false, mentions: [], email: null,
  createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, clock++)).toISOString(),
  ...patch,
});
const thread = (...pages: Message[][]): MessagePages => ({
  pageParams: pages.map((_, i) => (i ? `c${i}` : null)),
  pages: pages.map((items) => ({ items, pagination: { page: 1, pageSize: 50, total: 0, totalPages: 1, nextCursor: null } })),
});

describe('suggestionTargetId', () => {
  it('answers the customer\'s newest message, even with agent replies and system lines after it', () => {
    const older = [msg('in-1'), msg('out-1', { direction: 'OUTBOUND', senderType: 'AGENT' })];
    const newer = [msg('in-2'), msg('out-2', { direction: 'OUTBOUND', senderType: 'AGENT' }), msg('sys', { senderType: 'SYSTEM' })];
    expect(suggestionTargetId(thread(newer, older))).toBe('in-2');
  });

  it('without a customer message, the newest stored one; never a local (unsent) reply', () => {
    const local = msg('tmp', { direction: 'OUTBOUND', senderType: 'AGENT', local: { state: 'sending' } });
    expect(suggestionTargetId(thread([msg('out', { direction: 'OUTBOUND', senderType: 'AGENT' }), local]))).toBe('out');
    expect(suggestionTargetId(thread([local]))).toBeUndefined();
    expect(suggestionTargetId(undefined)).toBeUndefined();
  });
});
