import type { Notification, NotificationList, NotificationPreferences, RealtimeSignalFrame } from '@helpstack/contracts';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { notificationKeys } from '../api/keys.ts';
import { applyNotificationEvent } from './apply-notification-event.ts';

const notification = (id: string, read = false): Notification => ({
  id,
  type: 'conversation.created',
  title: 'Ada Lovelace',
  body: 'Where is my order?',
  conversationId: 'c1',
  read,
  createdAt: '2026-11-30T10:00:00.000Z',
});

const list = (items: Notification[], unreadCount: number): NotificationList => ({
  items,
  pagination: { page: 1, pageSize: 30, total: items.length, totalPages: 1, nextCursor: null },
  unreadCount,
});

const preferences = (sound: boolean): NotificationPreferences => {
  const on = { inApp: true, push: true, email: false };
  return { events: { 'conversation.created': on, 'conversation.assigned': on, 'message.created': on, mention: on }, sound };
};

const frame = (n: Notification): RealtimeSignalFrame => ({ type: 'notification.created', data: n });

describe('applyNotificationEvent', () => {
  it('puts a new notification on top of the bell and counts it unread, once', () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(notificationKeys.list(), list([notification('n1', true)], 0));
    const ctx = { isHidden: () => false, playSound: vi.fn() };

    expect(applyNotificationEvent(queryClient, frame(notification('n2')), ctx)).toBe(true);
    expect(applyNotificationEvent(queryClient, frame(notification('n2')), ctx)).toBe(true);

    const data = queryClient.getQueryData<NotificationList>(notificationKeys.list())!;
    expect(data.items.map((n) => n.id)).toEqual(['n2', 'n1']);
    expect(data.unreadCount).toBe(1);
    expect(ctx.playSound).not.toHaveBeenCalled();
  });

  it('plays the sound only while the tab is hidden and the preference is on', () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(notificationKeys.list(), list([], 0));
    const playSound = vi.fn();

    queryClient.setQueryData(notificationKeys.preferences(), preferences(false));
    applyNotificationEvent(queryClient, frame(notification('a')), { isHidden: () => true, playSound });
    expect(playSound).not.toHaveBeenCalled();

    queryClient.setQueryData(notificationKeys.preferences(), preferences(true));
    applyNotificationEvent(queryClient, frame(notification('b')), { isHidden: () => false, playSound });
    expect(playSound).not.toHaveBeenCalled();
    applyNotificationEvent(queryClient, frame(notification('c')), { isHidden: () => true, playSound });
    expect(playSound).toHaveBeenCalledTimes(1);
  });

  it('leaves other frames to the other features', () => {
    const queryClient = new QueryClient();
    expect(applyNotificationEvent(queryClient, { type: 'typing', data: { conversationId: 'c1', userId: 'u1', typing: true } })).toBe(false);
  });
});
