import type { Notification, NotificationList } from '@helpstack/contracts';
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { notificationKeys } from './keys.ts';

/** The bell shows the newest page; older ones are rarely wanted from a popover. */
export const BELL_PAGE_SIZE = 30;

export const getNotifications = (signal?: AbortSignal) =>
  api.get<NotificationList>('/api/notifications', { query: { page: 1, pageSize: BELL_PAGE_SIZE }, signal });

export const getNotificationsQueryOptions = () =>
  queryOptions({ queryKey: notificationKeys.list(), queryFn: ({ signal }) => getNotifications(signal), staleTime: 60_000 });

export const useNotifications = () => useQuery(getNotificationsQueryOptions());

/** A realtime `notification.created`: on top of the list, one more unread (an id seen already is ignored). */
export function addNotification(queryClient: QueryClient, notification: Notification) {
  queryClient.setQueryData<NotificationList>(notificationKeys.list(), (old) => {
    if (!old || old.items.some((n) => n.id === notification.id)) return old;
    return {
      ...old,
      items: [notification, ...old.items].slice(0, BELL_PAGE_SIZE),
      pagination: { ...old.pagination, total: old.pagination.total + 1 },
      unreadCount: old.unreadCount + (notification.read ? 0 : 1),
    };
  });
}
