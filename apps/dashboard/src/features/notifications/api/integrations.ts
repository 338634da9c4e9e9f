import type {
  createdNotificationIntegrationSchema,
  CreateNotificationIntegrationBody,
  List,
  NotificationDelivery,
  NotificationIntegration,
  testNotificationIntegrationResultSchema,
  UpdateNotificationIntegrationBody,
} from '@helpstack/contracts';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { notificationKeys } from './keys.ts';

/** A WEBHOOK integration's create answer carries its signing `secret`, once. */
export type CreatedNotificationIntegration = z.infer<typeof createdNotificationIntegrationSchema>;

const path = (id: string) => `/api/notifications/integrations/${encodeURIComponent(id)}`;

export const getNotificationIntegrations = (signal?: AbortSignal) =>
  api.get<List<NotificationIntegration>>('/api/notifications/integrations', { query: { pageSize: 100 }, signal });

export const getNotificationIntegrationsQueryOptions = () =>
  queryOptions({ queryKey: notificationKeys.integrations(), queryFn: ({ signal }) => getNotificationIntegrations(signal), staleTime: 60_000 });

export const useNotificationIntegrations = () => useQuery(getNotificationIntegrationsQueryOptions());

export const createNotificationIntegration = (body: CreateNotificationIntegrationBody) =>
  api.post<CreatedNotificationIntegration>('/api/notifications/integrations', body);
export const updateNotificationIntegration = ({ id, body }: { id: string; body: UpdateNotificationIntegrationBody }) =>
  api.patch<NotificationIntegration>(path(id), body);
export const deleteNotificationIntegration = (id: string) => api.delete<{ id: string }>(path(id));
export const testNotificationIntegration = (id: string) => api.post<z.infer<typeof testNotificationIntegrationResultSchema>>(`${path(id)}/test`);

const useInvalidating = <A, R>(mutationFn: (a: A) => Promise<R>) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.integrations() }) });
};

export const useCreateNotificationIntegration = () => useInvalidating(createNotificationIntegration);
export const useUpdateNotificationIntegration = () => useInvalidating(updateNotificationIntegration);
export const useDeleteNotificationIntegration = () => useInvalidating(deleteNotificationIntegration);
/** The test send is queued: its attempt shows in the delivery log (invalidated with the integrations). */
export const useTestNotificationIntegration = () => useInvalidating(testNotificationIntegration);

export const DELIVERIES_PAGE_SIZE = 20;

export const getIntegrationDeliveries = (id: string, page: number, signal?: AbortSignal) =>
  api.get<List<NotificationDelivery>>(`${path(id)}/deliveries`, { query: { page, pageSize: DELIVERIES_PAGE_SIZE }, signal });

/** Polls while an attempt is still PENDING, so a test send's outcome appears without a reload. */
export const useIntegrationDeliveries = (id: string | null, page: number) =>
  useQuery({
    queryKey: notificationKeys.deliveries(id ?? '', page),
    queryFn: ({ signal }) => getIntegrationDeliveries(id!, page, signal),
    enabled: id !== null,
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === 'PENDING') ? 2_000 : false),
  });
