import type { NotificationPreferences, UpdateNotificationPreferencesBody } from '@helpstack/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { notificationKeys } from './keys.ts';

export const getNotificationPreferences = (signal?: AbortSignal) => api.get<NotificationPreferences>('/api/notifications/preferences', { signal });

export const getNotificationPreferencesQueryOptions = () =>
  queryOptions({ queryKey: notificationKeys.preferences(), queryFn: ({ signal }) => getNotificationPreferences(signal), staleTime: 5 * 60_000 });

export const useNotificationPreferences = () => useQuery(getNotificationPreferencesQueryOptions());

/** PUT merges per event and flag on the server, so each toggle sends only itself; the answer is the whole object. */
export const updateNotificationPreferences = (body: UpdateNotificationPreferencesBody) => api.put<NotificationPreferences>('/api/notifications/preferences', body);

export function useUpdateNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateNotificationPreferences,
    onSuccess: (preferences) => queryClient.setQueryData(notificationKeys.preferences(), preferences),
  });
}
