import { realtimeServerFrameSchema, type Conversation, type Message } from '@helpstack/contracts';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { conversationKeys } from '../api/keys.ts';
import { clearTypingStore } from '../stores/typing-store.ts';
import type { ConversationCounts, ConversationPages, MessagePages } from '../utils/cache-updates.ts';
import type { ConversationFilters } from '../utils/conversation-filters.ts';
import { tagKeys } from '../../../lib/tags.ts';
import { applyRealtimeEvent } from './apply-realtime-event.ts';

const ME = 'user-me';
const at = (minutesAgo: number) => new Date(Date.UTC(2025, 0, 1, 12, 0) - minutesAgo * 60_000).toISOString();

function conversation(id: string, minutesAgo: number, patch: Partial<Conversation> = {}): Conversation {
  return {
    id,
    channelId: 'ch-1',
    customer: { id: `cu-${id}`, name: `Customer ${id}`, email: null, phone: null, color: null },
    subject: null,
    status: 'OPEN',
    priority: 'MEDIUM',
    assignedToId: null,
    language: 'en',
    notes: null,
    context: null,
    unread: false,
    unreadCount: 0,
    lastMessageAt: at(minutesAgo),
    lastMessagePreview: `preview ${id}`,
    tags: [],
    snoozedUntil: null,
    createdAt: at(1000),
    updatedAt: at(minutesAgo),
    ...patch,
  };
}

function pagesOf(pages: Conversation[][], { more = false, total }: { more?: boolean; total?: number } = {}): ConversationPages {
  const count = total ?? pages.flat().length;
  return {
    pageParams: pages.map((_, i) => (i === 0 ? null : `cursor-${i}`)),
    pages: pages.map((items, i) => ({
      items,
      pagination: { page: i + 1, pageSize: 50, total: count, totalPages: 1, nextCursor: i < pages.length - 1 || more ? `cursor-${i + 1}` : null },
    })),
  };
}

function message(id: string, conversationId: string, patch: Partial<Message> = {}): Message {
  return {
    id,
    conversationId,
    direction: 'INBOUND',
    senderType: 'CUSTOMER',
    authorId: null,
    content: `message ${id}`,
    translatedContent: null,
    language: null,
    translatedLanguage: null, translationStatus: 'NONE', originalContent: null,
    approved: true,
    status: 'DELIVERED',
    error: null,
    attempts: 0,
    attachments: [],
    private: false,
    mentions: [],
    email: null,
    createdAt: at(0),
    ...patch,
  };
}

const ids = (data: ConversationPages | undefined) => data?.pages.map((p) => p.items.map((c) => c.id));

let qc: QueryClient;
let refreshCountsSoon: ReturnType<typeof vi.fn<() => void>>;
/** As the connection hands frames out: parsed against the contract first, so malformed data never reaches the cache. */
const apply = (type: string, data: unknown) => {
  const frame = realtimeServerFrameSchema.safeParse({ type, seq: 1, data });
  if (!frame.success || frame.data.type === 'ready') return false;
  return applyRealtimeEvent(qc, frame.data, { meId: ME, refreshCountsSoon });
};
const list = (filters: ConversationFilters) => qc.getQueryData<ConversationPages>(conversationKeys.list(filters));

const OPEN: ConversationFilters = { status: 'OPEN' };
const CLOSED: ConversationFilters = { status: 'CLOSED' };
const emptyCounts = (): ConversationCounts => ({
  OPEN: { total: 3, unread: 1 },
  PENDING: { total: 0, unread: 0 },
  CLOSED: { total: 1, unread: 0 },
  ARCHIVED: { total: 0, unread: 0 },
});

beforeEach(() => {
  qc = new QueryClient();
  refreshCountsSoon = vi.fn<() => void>();
  qc.setQueryData(conversationKeys.list(OPEN), pagesOf([[conversation('a', 1), conversation('b', 5)], [conversation('c', 10, { unread: true, unreadCount: 2 })]]));
  qc.setQueryData(conversationKeys.list(CLOSED), pagesOf([[conversation('z', 50, { status: 'CLOSED' })]]));
  qc.setQueryData(conversationKeys.count({}), emptyCounts());
});

afterEach(() => {
  qc.clear();
  clearTypingStore();
});

describe('conversation.created', () => {
  it('puts a new conversation on top of the lists it matches, and counts it', () => {
    apply('conversation.created', conversation('new', 0, { unread: true, unreadCount: 1 }));
    expect(ids(list(OPEN))).toEqual([['new', 'a', 'b'], ['c']]);
    expect(list(OPEN)?.pages[0]?.pagination.total).toBe(4);
    expect(ids(list(CLOSED))).toEqual([['z']]);
    expect(qc.getQueryData<ConversationCounts>(conversationKeys.count({}))?.OPEN).toEqual({ total: 4, unread: 2 });
    expect(refreshCountsSoon).not.toHaveBeenCalled();
  });

  it('is idempotent: a replayed event does not add or count twice', () => {
    const fresh = conversation('new', 0);
    apply('conversation.created', fresh);
    apply('conversation.created', fresh);
    expect(ids(list(OPEN))).toEqual([['new', 'a', 'b'], ['c']]);
    expect(qc.getQueryData<ConversationCounts>(conversationKeys.count({}))?.OPEN?.total).toBe(4);
  });

  it('leaves lists with other filters alone', () => {
    qc.setQueryData(conversationKeys.list({ status: 'OPEN', channelId: 'ch-2' }), pagesOf([[]]));
    qc.setQueryData(conversationKeys.list({ status: 'OPEN', assignedToId: 'me' }), pagesOf([[]]));
    apply('conversation.created', conversation('new', 0));
    expect(ids(list({ status: 'OPEN', channelId: 'ch-2' }))).toEqual([[]]);
    expect(ids(list({ status: 'OPEN', assignedToId: 'me' }))).toEqual([[]]);
    apply('conversation.created', conversation('mine', 0, { assignedToId: ME }));
    expect(ids(list({ status: 'OPEN', assignedToId: 'me' }))).toEqual([['mine']]);
  });
});

describe('conversation.updated', () => {
  it('moves a conversation with new activity to the top and updates its preview', () => {
    apply('conversation.updated', conversation('c', 0, { lastMessagePreview: 'new text', unread: true, unreadCount: 3 }));
    expect(ids(list(OPEN))).toEqual([['c', 'a', 'b'], []]);
    expect(list(OPEN)?.pages[0]?.items[0]?.lastMessagePreview).toBe('new text');
    expect(list(OPEN)?.pages[0]?.pagination.total).toBe(3);
  });

  it('replaces in place when the order does not change, keeping other pages untouched', () => {
    const before = list(OPEN)!;
    apply('conversation.updated', conversation('b', 5, { priority: 'URGENT' }));
    const after = list(OPEN)!;
    expect(ids(after)).toEqual([['a', 'b'], ['c']]);
    expect(after.pages[0]?.items[1]?.priority).toBe('URGENT');
    expect(after.pages[1]).toBe(before.pages[1]);
  });

  it('moves a closed conversation from the Open tab to the Closed tab and moves the counts', () => {
    apply('conversation.updated', conversation('a', 1, { status: 'CLOSED' }));
    expect(ids(list(OPEN))).toEqual([['b'], ['c']]);
    expect(ids(list(CLOSED))).toEqual([['a', 'z']]);
    const counts = qc.getQueryData<ConversationCounts>(conversationKeys.count({}));
    expect(counts?.OPEN?.total).toBe(2);
    expect(counts?.CLOSED?.total).toBe(2);
  });

  it('updates the detail cache of an open conversation', () => {
    qc.setQueryData(conversationKeys.detail('a'), conversation('a', 1));
    apply('conversation.updated', conversation('a', 1, { notes: 'VIP' }));
    expect(qc.getQueryData<Conversation>(conversationKeys.detail('a'))?.notes).toBe('VIP');
  });

  it('does not insert an old conversation below a list that still has pages to load', () => {
    qc.setQueryData(conversationKeys.list(OPEN), pagesOf([[conversation('a', 1)]], { more: true, total: 10 }));
    apply('conversation.updated', conversation('old', 500));
    expect(ids(list(OPEN))).toEqual([['a']]);
    expect(list(OPEN)?.pages[0]?.pagination.total).toBe(11);
  });

  it('only patches search results in place (the server ranks them)', () => {
    const SEARCH: ConversationFilters = { status: 'OPEN', search: 'refund' };
    qc.setQueryData(conversationKeys.list(SEARCH), pagesOf([[conversation('b', 5), conversation('a', 1)]]));
    apply('conversation.updated', conversation('a', 0, { lastMessagePreview: 'x' }));
    apply('conversation.created', conversation('new', 0));
    expect(ids(list(SEARCH))).toEqual([['b', 'a']]);
    expect(list(SEARCH)?.pages[0]?.items[1]?.lastMessagePreview).toBe('x');
  });

  it('asks for a counts refresh when it never saw the conversation before', () => {
    apply('conversation.updated', conversation('unknown', 0, { status: 'PENDING' }));
    expect(refreshCountsSoon).toHaveBeenCalledTimes(1);
  });

  it('ignores malformed data', () => {
    const before = list(OPEN);
    apply('conversation.updated', { id: 'a' });
    expect(list(OPEN)).toBe(before);
  });
});

describe('conversation.deleted', () => {
  it('removes it from every list and drops its detail and messages', () => {
    qc.setQueryData(conversationKeys.detail('b'), conversation('b', 5));
    qc.setQueryData(conversationKeys.messages('b'), { pages: [], pageParams: [] });
    apply('conversation.deleted', { id: 'b' });
    expect(ids(list(OPEN))).toEqual([['a'], ['c']]);
    expect(list(OPEN)?.pages[0]?.pagination.total).toBe(2);
    expect(qc.getQueryData(conversationKeys.detail('b'))).toBeUndefined();
    expect(qc.getQueryData(conversationKeys.messages('b'))).toBeUndefined();
    expect(qc.getQueryData<ConversationCounts>(conversationKeys.count({}))?.OPEN?.total).toBe(2);
  });
});

describe('message.created / message.updated', () => {
  const thread = (items: Message[][]): MessagePages => ({
    pageParams: items.map((_, i) => (i === 0 ? null : `c${i}`)),
    pages: items.map((page, i) => ({ items: page, pagination: { page: 1, pageSize: 50, total: items.flat().length, totalPages: 1, nextCursor: i < items.length - 1 ? `c${i + 1}` : null } })),
  });
  const messageIds = (id: string) => qc.getQueryData<MessagePages>(conversationKeys.messages(id))?.pages.map((p) => p.items.map((m) => m.id));

  it('appends a new message to the newest page of a loaded thread', () => {
    qc.setQueryData(conversationKeys.messages('a'), thread([[message('m3', 'a'), message('m4', 'a')], [message('m1', 'a'), message('m2', 'a')]]));
    apply('message.created', message('m5', 'a'));
    expect(messageIds('a')).toEqual([['m3', 'm4', 'm5'], ['m1', 'm2']]);
  });

  it('does not add a message twice (replay after reconnect)', () => {
    qc.setQueryData(conversationKeys.messages('a'), thread([[message('m1', 'a')]]));
    apply('message.created', message('m1', 'a', { content: 'edited' }));
    expect(messageIds('a')).toEqual([['m1']]);
  });

  it('swaps the agent\'s optimistic reply for the stored one', () => {
    const optimistic = { ...message('local-1', 'a', { direction: 'OUTBOUND', authorId: ME, content: 'On it!' }), local: { state: 'sending' as const } };
    qc.setQueryData(conversationKeys.messages('a'), thread([[message('m1', 'a'), optimistic]]));
    apply('message.created', message('m2', 'a', { direction: 'OUTBOUND', senderType: 'AGENT', authorId: ME, content: 'On it!' }));
    expect(messageIds('a')).toEqual([['m1', 'm2']]);
  });

  it('never takes the agent\'s own private note for their optimistic reply with the same words', () => {
    const optimistic = { ...message('local-2', 'a', { direction: 'OUTBOUND', authorId: ME, content: 'On it!' }), local: { state: 'sending' as const } };
    qc.setQueryData(conversationKeys.messages('a'), thread([[message('m1', 'a'), optimistic]]));
    apply('message.created', message('n1', 'a', { direction: 'OUTBOUND', senderType: 'AGENT', authorId: ME, content: 'On it!', private: true }));
    expect(messageIds('a')).toEqual([['m1', 'local-2', 'n1']]);
  });

  it('creates no cache for a thread that was never opened', () => {
    apply('message.created', message('m1', 'never-opened'));
    expect(qc.getQueryData(conversationKeys.messages('never-opened'))).toBeUndefined();
  });

  it('applies delivery updates (FAILED with its error) in place', () => {
    qc.setQueryData(conversationKeys.messages('a'), thread([[message('m1', 'a', { direction: 'OUTBOUND', status: 'PENDING' })]]));
    apply('message.updated', message('m1', 'a', { direction: 'OUTBOUND', status: 'FAILED', error: 'SMTP refused' }));
    const stored = qc.getQueryData<MessagePages>(conversationKeys.messages('a'))?.pages[0]?.items[0];
    expect(stored).toMatchObject({ status: 'FAILED', error: 'SMTP refused' });
  });
});

describe('events it does not handle', () => {
  it('leaves presence to others', () => {
    expect(apply('presence', { userId: 'u', online: true, onlineUserIds: ['u'] })).toBe(false);
  });
});

describe('tag.updated / tag.deleted (one organization-level event, not one per conversation)', () => {
  const billing = { id: 'tag-1', name: 'billing', color: '#ff0000' };
  const vip = { id: 'tag-2', name: 'vip', color: '#0000ff' };
  const tagList = (items: typeof billing[]) => ({ items, pagination: { page: 1, pageSize: Math.max(items.length, 1), total: items.length, totalPages: 1 } });
  const tagsOf = (data: ConversationPages | undefined) => data?.pages.flatMap((p) => p.items.map((c) => `${c.id}:${c.tags.map((t) => `${t.name}/${t.color}`).join(',')}`));

  beforeEach(() => {
    qc.setQueryData(conversationKeys.list(OPEN), pagesOf([[conversation('a', 1, { tags: [billing, vip] }), conversation('b', 5)], [conversation('c', 10, { tags: [billing] })]]));
    qc.setQueryData(conversationKeys.detail('a'), conversation('a', 1, { tags: [billing, vip] }));
    qc.setQueryData(tagKeys.all, tagList([billing, vip]));
  });

  it('renames and recolours the tag on every cached conversation carrying it, and in the tag list', () => {
    expect(apply('tag.updated', { ...billing, name: 'invoices', color: '#00ff00' })).toBe(true);
    expect(tagsOf(list(OPEN))).toEqual(['a:invoices/#00ff00,vip/#0000ff', 'b:', 'c:invoices/#00ff00']);
    expect(qc.getQueryData<Conversation>(conversationKeys.detail('a'))?.tags.map((t) => t.name)).toEqual(['invoices', 'vip']);
    expect(qc.getQueryData<{ items: typeof billing[] }>(tagKeys.all)?.items).toEqual([{ ...billing, name: 'invoices', color: '#00ff00' }, vip]);
    expect(refreshCountsSoon).not.toHaveBeenCalled();
  });

  it('takes a deleted tag off every cached conversation and out of the tag list', () => {
    expect(apply('tag.deleted', { id: billing.id })).toBe(true);
    expect(tagsOf(list(OPEN))).toEqual(['a:vip/#0000ff', 'b:', 'c:']);
    expect(qc.getQueryData<Conversation>(conversationKeys.detail('a'))?.tags).toEqual([vip]);
    expect(qc.getQueryData<{ items: typeof billing[]; pagination: { total: number } }>(tagKeys.all)).toMatchObject({ items: [vip], pagination: { total: 1 } });
  });

  it('leaves caches alone when nothing carries the tag', () => {
    const before = list(OPEN);
    apply('tag.updated', { id: 'tag-unknown', name: 'x', color: '#000000' });
    expect(list(OPEN)).toBe(before);
  });
});

describe('customer.updated', () => {
  const customer = (id: string, name: string) => ({
    id, name, email: `${name.toLowerCase().replace(/ /g, '.')}@example.com`, phone: null, color: null, avatarUrl: null, language: null, metadata: {}, createdAt: at(100), updatedAt: at(0),
  });

  it('shows the new name and e-mail on every cached conversation of that customer (rows and detail)', () => {
    qc.setQueryData(conversationKeys.detail('a'), conversation('a', 1));
    expect(apply('customer.updated', customer('cu-a', 'Ada Lovelace'))).toBe(true);
    const a = list(OPEN)?.pages[0]?.items[0];
    expect(a?.customer).toEqual({ id: 'cu-a', name: 'Ada Lovelace', email: 'ada.lovelace@example.com', phone: null, color: null });
    expect(qc.getQueryData<Conversation>(conversationKeys.detail('a'))?.customer?.name).toBe('Ada Lovelace');
    expect(list(OPEN)?.pages[0]?.items[1]?.customer?.name).toBe('Customer b');
  });

  it('leaves lists alone when no cached conversation is that customer\'s', () => {
    const before = list(OPEN);
    apply('customer.updated', customer('cu-unknown', 'Nobody'));
    expect(list(OPEN)).toBe(before);
  });
});
