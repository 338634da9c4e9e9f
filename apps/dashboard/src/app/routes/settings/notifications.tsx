import { Skeleton, Stack } from '@mantine/core';
import { PageHeader } from '../../../components/layout/page-header.tsx';
import { SettingsPage } from '../../../components/layout/settings-page.tsx';
import { QueryError } from '../../../components/ui/query-error.tsx';
import { useNotificationPreferences } from '../../../features/notifications/api/preferences.ts';
import { DesktopNotifications } from '../../../features/notifications/components/desktop-notifications.tsx';
import { PreferencesGrid } from '../../../features/notifications/components/preferences-grid.tsx';

/** Settings → Notifications: the signed-in member's own preferences (any role, VIEWER included, CONTRACT §11). */
export function NotificationPreferencesRoute() {
  const preferences = useNotificationPreferences();
  return (
    <SettingsPage>
      <PageHeader title="Notifications" description="What you are told about, and where. These settings are yours alone; your teammates choose their own." />
      <Stack gap="md">
        <DesktopNotifications />
        {preferences.isPending ? (
          <Skeleton height={320} radius="lg" />
        ) : preferences.isError ? (
          <QueryError error={preferences.error} onRetry={() => void preferences.refetch()} title="Could not load your notification settings" />
        ) : (
          <PreferencesGrid preferences={preferences.data} />
        )}
      </Stack>
    </SettingsPage>
  );
}
