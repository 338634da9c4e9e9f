import type { NotificationDelivery, NotificationIntegration } from '@helpstack/contracts';
import type { DeliveryRow, IntegrationRow } from './queries.ts';

/** The url and the signing secret are write-only: a response says only `hasUrl`. */
export const toIntegration = (row: IntegrationRow): NotificationIntegration => ({
  id: row.id,
  type: row.type,
  name: row.name,
  events: row.events,
  enabled: row.enabled,
  hasUrl: row.hasUrl,
  address: row.address,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export const toDelivery = (row: DeliveryRow): NotificationDelivery => ({
  id: row.id,
  event: row.event,
  status: row.status,
  attempt: row.attempt,
  responseCode: row.responseCode,
  error: row.error,
  createdAt: row.createdAt.toISOString(),
});
