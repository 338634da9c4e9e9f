import type { Notification, NotificationList } from '@helpstack/contracts';
import { describe, expect, it } from 'vitest';
import { markReadInList } from './mark-notifications-read.ts';

const n = (id: string, read: boolean): Notification => ({ id, type: 'message.created', title: 't', body: 'b', conversationId: 'c', read, createdAt: '2026-11-30T10:00:00.000Z' });
// 5 unread in all, 2 of them on the bell's page.
const list: NotificationList = {
  items: [n('a', false), n('b', true), n('c', false)],
  pagination: { page: 1, pageSize: 30, total: 40, totalPages: 2, nextCursor: null },
  unreadCount: 5,
};

describe('markReadInList', () => {
  it('marks the given ones read and lowers the count only by those that were unread', () => {
    const next = markReadInList(list, { ids: ['a', 'b'] });
    expect(next.items.map((x) => x.read)).toEqual([true, true, false]);
    expect(next.unreadCount).toBe(4);
  });

  it('all: everything read, count zero (also the unread ones beyond this page)', () => {
    const next = markReadInList(list, { all: true });
    expect(next.items.every((x) => x.read)).toBe(true);
    expect(next.unreadCount).toBe(0);
  });
});
