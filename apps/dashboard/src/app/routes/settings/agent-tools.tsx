import type { AgentTool } from '@helpstack/contracts';
import { Button, EmptyState, Group, Modal, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTool } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../../components/layout/page-header.tsx';
import { SettingsPage } from '../../../components/layout/settings-page.tsx';
import { QueryError } from '../../../components/ui/query-error.tsx';
import { useAgentTools } from '../../../features/agent-tools/api/get-agent-tools.ts';
import { useDeleteAgentTool } from '../../../features/agent-tools/api/save-agent-tool.ts';
import { AgentToolFormModal } from '../../../features/agent-tools/components/agent-tool-form-modal.tsx';
import { AgentToolLogsModal } from '../../../features/agent-tools/components/agent-tool-logs-modal.tsx';
import { AgentToolTestConsole } from '../../../features/agent-tools/components/agent-tool-test-console.tsx';
import { AgentToolsTable } from '../../../features/agent-tools/components/agent-tools-table.tsx';
import { getChannelsQueryOptions } from '../../../features/channels/api/get-channels.ts';
import { messageOf } from '../../../lib/form-errors.ts';
import { useViewer } from '../../../lib/viewer.tsx';

/** Settings → Agent tools: list, editor, test console and call logs (CONTRACT §9). */
export function AgentToolsRoute() {
  const viewer = useViewer();
  const tools = useAgentTools();
  const channels = useQuery(getChannelsQueryOptions());
  const remove = useDeleteAgentTool();
  const [editing, setEditing] = useState<AgentTool | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<AgentTool | null>(null);
  const [testing, setTesting] = useState<AgentTool | null>(null);
  const [logsOf, setLogsOf] = useState<AgentTool | null>(null);
  const channelList = (channels.data?.items ?? []).map((c) => ({ id: c.id, name: c.name }));
  const channelName = (id: string) => channelList.find((c) => c.id === id)?.name ?? 'One channel';

  return (
    <SettingsPage>
      <PageHeader
        title="Agent tools"
        description="HTTP endpoints the AI may call while drafting a reply, e.g. to look up an order. Every call is logged; secrets are never shown to the AI or in logs."
        actions={
          viewer.canAct && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing(null)}>
              Add tool
            </Button>
          )
        }
      />
      {tools.isPending ? (
        <Stack gap="xs">
          {[0, 1].map((i) => (
            <Skeleton key={i} height={56} radius="md" />
          ))}
        </Stack>
      ) : tools.isError ? (
        <QueryError error={tools.error} onRetry={() => void tools.refetch()} title="Could not load agent tools" />
      ) : tools.data.items.length === 0 ? (
        <Paper withBorder radius="lg" p="xl">
          <EmptyState
            icon={<IconTool size={28} />}
            withIndicatorBackground
            title="No agent tool yet"
            description="Connect your shop or CRM: the AI can then look things up before it suggests a reply."
          >
            {viewer.canAct && (
              <EmptyState.Actions>
                <Button onClick={() => setEditing(null)}>Add a tool</Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        </Paper>
      ) : (
        <AgentToolsTable
          tools={tools.data.items}
          channelName={channelName}
          canEdit={viewer.canAct}
          onEdit={setEditing}
          onDelete={setDeleting}
          onTest={setTesting}
          onLogs={setLogsOf}
        />
      )}
      <AgentToolFormModal opened={editing !== undefined} onClose={() => setEditing(undefined)} tool={editing} channels={channelList} />
      <AgentToolTestConsole tool={testing} onClose={() => setTesting(null)} />
      <AgentToolLogsModal tool={logsOf} onClose={() => setLogsOf(null)} />
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title="Delete this tool?" centered>
        <Stack gap="md">
          <Text size="sm">“{deleting?.name}” and its call logs will be deleted; the AI stops using it at once.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                deleting &&
                remove.mutate(deleting.id, {
                  onSuccess: () => {
                    notifications.show({ color: 'teal', message: 'Tool deleted' });
                    setDeleting(null);
                  },
                  onError: (error) => notifications.show({ color: 'red', title: 'Could not delete', message: messageOf(error) }),
                })
              }
            >
              Delete
            </Button>
          </Group>
        </Stack>
      </Modal>
    </SettingsPage>
  );
}
