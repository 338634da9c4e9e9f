import { describe, expect, it } from 'vitest';
import { countUnread, latestTimestamp, mergeMessages, pendingItem, withPending } from './message-list.ts';
import type { ChatItem, OutboxItem, VisitorMessage } from './types.ts';

const msg = (id: string, at: number, extra: Partial<VisitorMessage> = {}): VisitorMessage => ({
  id,
  conversationId: 'conv1',
  direction: 'OUTBOUND',
  senderType: 'AGENT',
  content: `m${id}`,
  attachments: [],
  clientMessageId: null,
  createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0, at)).toISOString(),
  ...extra,
});
const out = (cid: string, content = 'hi'): OutboxItem => ({ clientMessageId: cid, content, createdAt: new Date(Date.UTC(2026, 0, 1, 13)).toISOString() });
const ids = (list: ChatItem[]) => list.map((m) => (m.pending ? `~${m.clientMessageId}` : m.id));

describe('mergeMessages', () => {
  it('orders server messages by time and de-duplicates by id', () => {
    const list = mergeMessages([msg('b', 2)], [msg('a', 1), msg('c', 3), msg('b', 2, { content: 'edited' })]);
    expect(ids(list)).toEqual(['a', 'b', 'c']);
    expect(list[1]!.content).toBe('edited');
  });

  it('the acknowledged copy replaces the pending one (same clientMessageId)', () => {
    const pending = [pendingItem(out('cid1', 'hello'), null)];
    const list = mergeMessages(pending, [msg('s1', 5, { direction: 'INBOUND', senderType: 'CUSTOMER', content: 'hello', clientMessageId: 'cid1' })]);
    expect(ids(list)).toEqual(['s1']);
    expect(list[0]!.pending).toBeUndefined();
  });

  it('keeps unsent messages after the sent ones', () => {
    const list = mergeMessages([pendingItem(out('p1'), null), msg('a', 1)], [msg('b', 9)]);
    expect(ids(list)).toEqual(['a', 'b', '~p1']);
  });

  it('a history replay after reconnect adds nothing twice', () => {
    const live = mergeMessages([], [msg('a', 1), msg('s1', 2, { clientMessageId: 'cid1', direction: 'INBOUND' }), msg('b', 3)]);
    const history = [msg('a', 1), msg('s1', 2, { clientMessageId: 'cid1', direction: 'INBOUND' }), msg('b', 3), msg('c', 4)];
    expect(ids(mergeMessages(live, history))).toEqual(['a', 's1', 'b', 'c']);
  });

  it('a copy of a known message that lacks its clientMessageId is still one row', () => {
    const first = mergeMessages([], [msg('s1', 2, { clientMessageId: 'cid1' })]);
    const again = mergeMessages(first, [msg('s1', 2)]);
    expect(ids(again)).toEqual(['s1']);
    expect(again[0]!.clientMessageId).toBe('cid1');
  });

  it('keeps messages a shorter history does not repeat', () => {
    expect(ids(mergeMessages([msg('a', 1), msg('b', 2)], [msg('b', 2), msg('c', 3)]))).toEqual(['a', 'b', 'c']);
  });
});

describe('withPending', () => {
  it('shows outbox entries restored after a reload, once', () => {
    const list = withPending([msg('a', 1)], [out('x'), out('y')], 'conv1');
    expect(ids(list)).toEqual(['a', '~x', '~y']);
    expect(ids(withPending(list, [out('x'), out('y')], 'conv1'))).toEqual(['a', '~x', '~y']);
  });

  it('drops pending rows that left the outbox, but keeps failed ones for the visitor to see', () => {
    const failed = { ...pendingItem(out('f'), null), failed: true };
    const list = withPending([msg('a', 1), pendingItem(out('x'), null), failed], [], null);
    expect(ids(list)).toEqual(['a', '~f']);
  });

  it('does not add a pending row for a message the server already has', () => {
    const sent = msg('s1', 2, { clientMessageId: 'x', direction: 'INBOUND' });
    expect(ids(withPending([sent], [out('x')], null))).toEqual(['s1']);
  });
});

describe('unread', () => {
  it('counts agent messages newer than seen, never the visitor’s own', () => {
    const list = mergeMessages([], [msg('a', 1), msg('v', 2, { direction: 'INBOUND', senderType: 'CUSTOMER' }), msg('b', 3), msg('c', 4)]);
    expect(countUnread(list, null)).toBe(3);
    expect(countUnread(list, list[2]!.createdAt)).toBe(1);
    expect(countUnread(list, latestTimestamp(list))).toBe(0);
  });

  it('latestTimestamp ignores unsent messages', () => {
    expect(latestTimestamp([pendingItem(out('p'), null)])).toBeNull();
    expect(latestTimestamp([msg('a', 1), msg('b', 7), msg('c', 3)])).toBe(msg('b', 7).createdAt);
  });
});
