import type { PushSubscriptionBody, vapidPublicKeySchema } from '@helpstack/contracts';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';

export const getVapidPublicKey = () => api.get<z.infer<typeof vapidPublicKeySchema>>('/api/notifications/vapid-public-key');

/** 201 for a new endpoint, 200 when the same endpoint is sent again (its keys are updated). */
export const savePushSubscription = (body: PushSubscriptionBody) => api.post<{ id: string }>('/api/notifications/push-subscription', body);

export const deletePushSubscription = (endpoint: string) => api.delete<unknown>('/api/notifications/push-subscription', { body: { endpoint } });
