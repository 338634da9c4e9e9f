import type { NotificationIntegration } from '@helpstack/contracts';
import { Badge, Button, Group, Switch, Text } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { IconList, IconSend } from '@tabler/icons-react';
import { SettingsTable } from '../../../components/ui/settings-table.tsx';
import { messageOf } from '../../../lib/form-errors.ts';
import { useTestNotificationIntegration, useUpdateNotificationIntegration } from '../api/integrations.ts';
import { EVENT_LABELS } from './preferences-grid.tsx';

export const INTEGRATION_TYPE_LABELS: Record<NotificationIntegration['type'], string> = { SLACK: 'Slack', DISCORD: 'Discord', WEBHOOK: 'Webhook', EMAIL: 'E-mail' };

type Props = {
  integrations: NotificationIntegration[];
  canEdit: boolean;
  onEdit: (i: NotificationIntegration) => void;
  onDelete: (i: NotificationIntegration) => void;
  onDeliveries: (i: NotificationIntegration) => void;
};

export function IntegrationsTable({ integrations, canEdit, onEdit, onDelete, onDeliveries }: Props) {
  const update = useUpdateNotificationIntegration();
  const test = useTestNotificationIntegration();

  const sendTest = (i: NotificationIntegration) =>
    test.mutate(i.id, {
      onSuccess: () => {
        toasts.show({ color: 'teal', message: `Test queued for ${i.name}; its result shows in the delivery log.` });
        onDeliveries(i);
      },
      onError: (error) => toasts.show({ color: 'red', title: 'Could not send a test', message: messageOf(error) }),
    });

  return (
    <SettingsTable
      rows={integrations}
      minWidth={720}
      actions={{
        canEdit,
        onEdit,
        onDelete,
        // Everyone may read the delivery log; only editors may send a test.
        extra: (i) => (
          <>
            {canEdit && (
              <Button size="xs" variant="light" leftSection={<IconSend size={14} />} loading={test.isPending && test.variables === i.id} onClick={() => sendTest(i)}>
                Send test
              </Button>
            )}
            <Button size="xs" variant="subtle" leftSection={<IconList size={14} />} onClick={() => onDeliveries(i)}>
              Deliveries
            </Button>
          </>
        ),
      }}
      columns={[
        {
          header: 'Integration',
          style: { minWidth: 200 },
          cell: (i) => (
            <>
              <Text fw={500} size="sm">
                {i.name}
              </Text>
              <Text size="xs" c="dimmed">
                {INTEGRATION_TYPE_LABELS[i.type]} · {i.type === 'EMAIL' ? i.address : i.hasUrl ? 'URL stored (hidden)' : 'No URL'}
              </Text>
            </>
          ),
        },
        {
          header: 'Events',
          cell: (i) => (
            <Group gap={4}>
              {i.events.map((e) => (
                <Badge key={e} variant="light" size="sm">
                  {EVENT_LABELS[e].label}
                </Badge>
              ))}
            </Group>
          ),
        },
        {
          header: 'Enabled',
          cell: (i) => (
            <Switch
              aria-label={`Enable ${i.name}`}
              checked={i.enabled}
              disabled={!canEdit}
              onChange={(e) =>
                update.mutate(
                  { id: i.id, body: { enabled: e.currentTarget.checked } },
                  { onError: (error) => toasts.show({ color: 'red', title: 'Could not save', message: messageOf(error) }) },
                )
              }
            />
          ),
        },
      ]}
    />
  );
}
