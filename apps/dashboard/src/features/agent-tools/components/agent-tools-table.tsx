import type { AgentTool } from '@helpstack/contracts';
import { Badge, Button, Group, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconList, IconPlayerPlay } from '@tabler/icons-react';
import { SettingsTable } from '../../../components/ui/settings-table.tsx';
import { messageOf } from '../../../lib/form-errors.ts';
import { useUpdateAgentTool } from '../api/save-agent-tool.ts';

type Props = {
  tools: AgentTool[];
  channelName: (id: string) => string;
  canEdit: boolean;
  onEdit: (t: AgentTool) => void;
  onDelete: (t: AgentTool) => void;
  onTest: (t: AgentTool) => void;
  onLogs: (t: AgentTool) => void;
};

export function AgentToolsTable({ tools, channelName, canEdit, onEdit, onDelete, onTest, onLogs }: Props) {
  const update = useUpdateAgentTool();
  return (
    <SettingsTable
      rows={tools}
      minWidth={760}
      actions={{
        canEdit,
        onEdit,
        onDelete,
        // Everyone may read the logs; only editors may run a test call.
        extra: (t) => (
          <>
            {canEdit && (
              <Button size="xs" variant="light" leftSection={<IconPlayerPlay size={14} />} onClick={() => onTest(t)}>
                Test
              </Button>
            )}
            <Button size="xs" variant="subtle" leftSection={<IconList size={14} />} onClick={() => onLogs(t)}>
              Logs
            </Button>
          </>
        ),
      }}
      columns={[
        {
          header: 'Tool',
          cell: (t) => (
            <>
              <Text fw={500} ff="monospace" size="sm">
                {t.name}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={1}>
                {t.description}
              </Text>
            </>
          ),
        },
        {
          header: 'Request',
          cell: (t) => (
            <Group gap={6} wrap="nowrap">
              <Badge variant="default">{t.method}</Badge>
              <Text size="xs" ff="monospace" lineClamp={1} style={{ wordBreak: 'break-all' }}>
                {t.url}
              </Text>
            </Group>
          ),
        },
        { header: 'Scope', cell: (t) => <Text size="sm">{t.channelId ? channelName(t.channelId) : 'Every channel'}</Text> },
        {
          header: 'Enabled',
          cell: (t) => (
            <Switch
              aria-label={`Enable ${t.name}`}
              checked={t.enabled}
              disabled={!canEdit}
              onChange={(e) =>
                update.mutate(
                  { id: t.id, body: { enabled: e.currentTarget.checked } },
                  { onError: (error) => notifications.show({ color: 'red', title: 'Could not save', message: messageOf(error) }) },
                )
              }
            />
          ),
        },
      ]}
    />
  );
}
