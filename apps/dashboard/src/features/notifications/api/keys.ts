/** Query keys of the notifications feature: the caller's own list and preferences, the organization's integrations. */
export const notificationKeys = {
  all: ['notifications'] as const,
  list: () => [...notificationKeys.all, 'list'] as const,
  preferences: () => [...notificationKeys.all, 'preferences'] as const,
  integrations: () => [...notificationKeys.all, 'integrations'] as const,
  deliveries: (integrationId: string, page: number) => [...notificationKeys.integrations(), integrationId, 'deliveries', page] as const,
  vapidKey: () => [...notificationKeys.all, 'vapid-public-key'] as const,
};
