import { Alert, Button, Group, Paper, Text } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { IconBellRinging } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { messageOf } from '../../../lib/form-errors.ts';
import { currentPushSubscription, disableDesktopNotifications, enableDesktopNotifications, isPushSupported, notificationPermission, PushPermissionError } from '../utils/web-push.ts';

type State = 'unsupported' | 'checking' | 'off' | 'on' | 'blocked';

/**
 * "Enable desktop notifications": the permission prompt appears only after this click (browsers and
 * people both dislike prompts on page load). "Disable" forgets this browser's subscription.
 */
export function DesktopNotifications() {
  const [state, setState] = useState<State>(() => (isPushSupported() ? 'checking' : 'unsupported'));
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (state !== 'checking') return;
    let live = true;
    currentPushSubscription().then(
      (sub) => live && setState(sub && notificationPermission() === 'granted' ? 'on' : notificationPermission() === 'denied' ? 'blocked' : 'off'),
      () => live && setState('off'),
    );
    return () => {
      live = false;
    };
  }, [state]);

  const run = async (action: () => Promise<unknown>, next: State, done: string) => {
    setPending(true);
    try {
      await action();
      setState(next);
      toasts.show({ color: 'teal', message: done });
    } catch (error) {
      if (error instanceof PushPermissionError) {
        if (notificationPermission() === 'denied') setState('blocked');
        toasts.show({ color: 'orange', title: 'Desktop notifications are off', message: error.message });
      } else {
        toasts.show({ color: 'red', title: 'Could not change desktop notifications', message: error instanceof Error && !(error instanceof ApiError) ? error.message : messageOf(error) });
      }
    } finally {
      setPending(false);
    }
  };

  return (
    <Paper withBorder radius="lg" p="md">
      <Group justify="space-between" wrap="nowrap" align="center">
        <div>
          <Text fw={500} size="sm">
            Desktop notifications in this browser
          </Text>
          <Text size="xs" c="dimmed" maw={460}>
            {state === 'on'
              ? 'On: this browser shows HelpStack notifications even when the tab is closed.'
              : 'Get a system notification for the events ticked under Desktop, even when HelpStack is not open.'}
          </Text>
        </div>
        {state === 'on' ? (
          <Button variant="default" loading={pending} onClick={() => void run(disableDesktopNotifications, 'off', 'Desktop notifications disabled')}>
            Disable
          </Button>
        ) : (
          <Button
            leftSection={<IconBellRinging size={16} />}
            loading={pending || state === 'checking'}
            disabled={state === 'unsupported'}
            onClick={() => void run(enableDesktopNotifications, 'on', 'Desktop notifications enabled')}
          >
            Enable desktop notifications
          </Button>
        )}
      </Group>
      {state === 'unsupported' && (
        <Alert mt="sm" color="gray">
          This browser cannot receive push notifications (on iOS, add HelpStack to the home screen first).
        </Alert>
      )}
      {state === 'blocked' && (
        <Alert mt="sm" color="orange">
          Notifications are blocked for this site. Allow them in the browser’s site settings, then enable them here.
        </Alert>
      )}
    </Paper>
  );
}
