import type { NotificationPreferences, RealtimeSignalFrame } from '@helpstack/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { addNotification } from '../api/get-notifications.ts';
import { notificationKeys } from '../api/keys.ts';
import { getNotificationPreferencesQueryOptions } from '../api/preferences.ts';
import { playNotificationSound } from '../utils/notification-sound.ts';

export type NotificationEventContext = {
  /** Whether the agent is looking elsewhere (another tab or window): only then does a sound help. */
  isHidden?: () => boolean;
  playSound?: () => void;
};

/**
 * A realtime `notification.created` (sent to this user only): the bell gains it at once, and a sound plays
 * while the tab is hidden if the agent's preferences say so. Returns whether the frame was one.
 */
export function applyNotificationEvent(queryClient: QueryClient, frame: RealtimeSignalFrame, ctx: NotificationEventContext = {}): boolean {
  if (frame.type !== 'notification.created') return false;
  addNotification(queryClient, frame.data);
  const hidden = ctx.isHidden ?? (() => typeof document !== 'undefined' && document.visibilityState === 'hidden');
  if (hidden()) {
    const play = ctx.playSound ?? playNotificationSound;
    const cached = queryClient.getQueryData<NotificationPreferences>(notificationKeys.preferences());
    if (cached) {
      if (cached.sound) play();
    } else {
      void queryClient.fetchQuery(getNotificationPreferencesQueryOptions()).then((p) => p.sound && play(), () => undefined);
    }
  }
  return true;
}
