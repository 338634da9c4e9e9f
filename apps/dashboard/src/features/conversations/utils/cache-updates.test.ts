import type { Message } from '@helpstack/contracts';
import { describe, expect, it } from 'vitest';
import { applyCountsChange, flattenMessages, isStaleMessage, reconcileSent, updateMessage, type ConversationCounts, type MessagePages } from './cache-updates.ts';

const msg = (id: string, content = id): Message => ({
  id,
  conversationId: 'c',
  direction: 'OUTBOUND',
  senderType: 'AGENT',
  authorId: 'me',
  content,
  translatedContent: null,
  language: null,
  translatedLanguage: null, translationStatus: 'NONE', originalContent: null,
  approved: true,
  status: 'SENT',
  error: null,
  attempts: 0,
  attachments: [],
  private: false,
  mentions: [],
  email: null,
  createdAt: '2025-01-01T00:00:00.000Z',
});
const thread = (...pages: Message[][]): MessagePages => ({
  pageParams: pages.map((_, i) => (i ? `c${i}` : null)),
  pages: pages.map((items) => ({ items, pagination: { page: 1, pageSize: 50, total: 0, totalPages: 1, nextCursor: null } })),
});

describe('flattenMessages', () => {
  it('reads newest-first pages into one oldest→newest list', () => {
    expect(flattenMessages(thread([msg('3'), msg('4')], [msg('1'), msg('2')])).map((m) => m.id)).toEqual(['1', '2', '3', '4']);
    expect(flattenMessages(undefined)).toEqual([]);
  });
});

describe('reconcileSent', () => {
  it('replaces the optimistic reply with the stored message', () => {
    const data = reconcileSent(thread([msg('1'), msg('local-1')]), 'local-1', msg('2'));
    expect(flattenMessages(data).map((m) => m.id)).toEqual(['1', '2']);
  });

  it('drops the optimistic reply when realtime already delivered the stored one', () => {
    const data = reconcileSent(thread([msg('1'), msg('local-1'), msg('2')]), 'local-1', msg('2'));
    expect(flattenMessages(data).map((m) => m.id)).toEqual(['1', '2']);
  });

  it('keeps a message sent without an optimistic copy (a note) when realtime delivered it first', () => {
    const data = reconcileSent(thread([msg('1'), msg('2')]), '2', msg('2'));
    expect(flattenMessages(data).map((m) => m.id)).toEqual(['1', '2']);
  });
});

describe('stale answers', () => {
  it('keeps the realtime "Delivered" when the send request answers "Pending" afterwards', () => {
    const delivered = { ...msg('2'), status: 'DELIVERED' as const, attempts: 1 };
    const data = reconcileSent(thread([msg('1'), delivered]), 'local-1', { ...msg('2'), status: 'PENDING', attempts: 0 });
    expect(flattenMessages(data).find((m) => m.id === '2')).toMatchObject({ status: 'DELIVERED' });
  });

  it('accepts a retry going from FAILED back to PENDING', () => {
    const failed = { ...msg('1'), status: 'FAILED' as const, attempts: 3 };
    const data = updateMessage(thread([failed]), { ...msg('1'), status: 'PENDING', attempts: 3 });
    expect(flattenMessages(data)[0]).toMatchObject({ status: 'PENDING' });
    expect(isStaleMessage({ ...msg('1'), status: 'SENT', attempts: 1 }, { ...msg('1'), status: 'PENDING', attempts: 2 })).toBe(true);
  });
});

describe('applyCountsChange', () => {
  const counts: ConversationCounts = {
    OPEN: { total: 5, unread: 2 },
    PENDING: { total: 1, unread: 0 },
    CLOSED: { total: 0, unread: 0 },
    ARCHIVED: { total: 0, unread: 0 },
  };
  const base = { id: 'x', status: 'OPEN', unread: true } as never;

  it('moves a conversation between tabs, unread included', () => {
    const next = applyCountsChange(counts, base, { ...(base as object), status: 'CLOSED', unread: false } as never, () => true);
    expect(next).toMatchObject({ OPEN: { total: 4, unread: 1 }, CLOSED: { total: 1, unread: 0 } });
  });

  it('returns the same object when nothing counted changed', () => {
    expect(applyCountsChange(counts, base, { ...(base as object) } as never, () => true)).toBe(counts);
    expect(applyCountsChange(counts, base, null, () => false)).toBe(counts);
  });

  it('never goes below zero', () => {
    const next = applyCountsChange(counts, { ...(base as object), status: 'CLOSED' } as never, null, () => true);
    expect(next?.CLOSED).toEqual({ total: 0, unread: 0 });
  });
});
