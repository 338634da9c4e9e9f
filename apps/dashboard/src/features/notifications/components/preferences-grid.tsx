import { notificationEvents, type NotificationChannelPrefs, type NotificationEvent, type NotificationPreferences } from '@helpstack/contracts';
import { Checkbox, Paper, Switch, Table, Text } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { messageOf } from '../../../lib/form-errors.ts';
import { useUpdateNotificationPreferences } from '../api/preferences.ts';

type NotificationChannel = keyof NotificationChannelPrefs;
const notificationChannels = ['inApp', 'push', 'email'] as const satisfies readonly NotificationChannel[];

export const EVENT_LABELS: Record<NotificationEvent, { label: string; hint: string }> = {
  'conversation.created': { label: 'New conversation', hint: 'A customer starts a conversation' },
  'conversation.assigned': { label: 'Assigned to me', hint: 'Someone assigns a conversation to you' },
  'message.created': { label: 'New customer message', hint: 'In your conversations, or in unassigned ones' },
  mention: { label: 'Mentioned', hint: 'A teammate mentions you in a private note' },
};

const CHANNEL_LABELS: Record<NotificationChannel, string> = { inApp: 'In-app', push: 'Desktop', email: 'E-mail' };

/** Event × channel checkboxes and the sound switch; each change is saved on its own (the PUT merges). */
export function PreferencesGrid({ preferences }: { preferences: NotificationPreferences }) {
  const update = useUpdateNotificationPreferences();
  const onError = (error: unknown) => toasts.show({ color: 'red', title: 'Could not save', message: messageOf(error) });

  return (
    <Paper withBorder radius="lg" p="md">
      <Table verticalSpacing="sm" aria-label="Notify me about">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Event</Table.Th>
            {notificationChannels.map((c) => (
              <Table.Th key={c} ta="center">
                {CHANNEL_LABELS[c]}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {notificationEvents.map((event) => (
            <Table.Tr key={event}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {EVENT_LABELS[event].label}
                </Text>
                <Text size="xs" c="dimmed">
                  {EVENT_LABELS[event].hint}
                </Text>
              </Table.Td>
              {notificationChannels.map((channel) => (
                <Table.Td key={channel}>
                  <Checkbox
                    style={{ display: 'flex', justifyContent: 'center' }}
                    aria-label={`${EVENT_LABELS[event].label}: ${CHANNEL_LABELS[channel]}`}
                    checked={preferences.events[event][channel]}
                    onChange={(e) => update.mutate({ events: { [event]: { [channel]: e.currentTarget.checked } } }, { onError })}
                  />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Switch
        mt="md"
        label="Play a sound"
        description="When a notification arrives while HelpStack is in a background tab."
        checked={preferences.sound}
        onChange={(e) => update.mutate({ sound: e.currentTarget.checked }, { onError })}
      />
    </Paper>
  );
}
