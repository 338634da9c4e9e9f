import type { MarkNotificationsReadBody, NotificationList } from '@helpstack/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { notificationKeys } from './keys.ts';

export const markNotificationsRead = (body: MarkNotificationsReadBody) => api.post<unknown>('/api/notifications/read', body);

/** The bell's page with these (or all) marked read, and the unread count lowered by as many as changed here. */
export function markReadInList(list: NotificationList, body: MarkNotificationsReadBody): NotificationList {
  const ids = 'ids' in body ? new Set(body.ids) : null;
  const newlyRead = list.items.filter((n) => !n.read && (ids === null || ids.has(n.id))).length;
  return {
    ...list,
    items: list.items.map((n) => (ids === null || ids.has(n.id) ? { ...n, read: true } : n)),
    unreadCount: ids === null ? 0 : Math.max(0, list.unreadCount - newlyRead),
  };
}

/** Marks read at once in the cache (the bell must not lag the click), then asks the server for the truth. */
export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationsRead,
    onMutate: async (body) => {
      await queryClient.cancelQueries({ queryKey: notificationKeys.list() });
      queryClient.setQueryData<NotificationList>(notificationKeys.list(), (old) => (old ? markReadInList(old, body) : old));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.list() }),
  });
}
