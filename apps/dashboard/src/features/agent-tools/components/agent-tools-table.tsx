import type { AgentTool } from '@helpstack/contracts';
import { Badge, Button, Group, Paper, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconList, IconPlayerPlay } from '@tabler/icons-react';
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
    <Paper withBorder radius="lg">
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Tool</Table.Th>
              <Table.Th>Request</Table.Th>
              <Table.Th>Scope</Table.Th>
              <Table.Th>Enabled</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tools.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>
                  <Text fw={500} ff="monospace" size="sm">
                    {t.name}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {t.description}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Badge variant="default">{t.method}</Badge>
                    <Text size="xs" ff="monospace" lineClamp={1} style={{ wordBreak: 'break-all' }}>
                      {t.url}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t.channelId ? channelName(t.channelId) : 'Every channel'}</Text>
                </Table.Td>
                <Table.Td>
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
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    {canEdit && (
                      <Button size="xs" variant="light" leftSection={<IconPlayerPlay size={14} />} onClick={() => onTest(t)}>
                        Test
                      </Button>
                    )}
                    <Button size="xs" variant="subtle" leftSection={<IconList size={14} />} onClick={() => onLogs(t)}>
                      Logs
                    </Button>
                    {canEdit && (
                      <>
                        <Button size="xs" variant="subtle" onClick={() => onEdit(t)}>
                          Edit
                        </Button>
                        <Button size="xs" variant="subtle" color="red" onClick={() => onDelete(t)}>
                          Delete
                        </Button>
                      </>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
