import type { AgentTool } from '@helpstack/contracts';
import { Button } from '@mantine/core';
import { IconPlus, IconTool } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../../components/layout/page-header.tsx';
import { SettingsPage } from '../../../components/layout/settings-page.tsx';
import { ConfirmDeleteModal } from '../../../components/ui/confirm-delete-modal.tsx';
import { ListStates } from '../../../components/ui/list-states.tsx';
import { useAgentTools } from '../../../features/agent-tools/api/get-agent-tools.ts';
import { useDeleteAgentTool } from '../../../features/agent-tools/api/save-agent-tool.ts';
import { AgentToolFormModal } from '../../../features/agent-tools/components/agent-tool-form-modal.tsx';
import { AgentToolLogsModal } from '../../../features/agent-tools/components/agent-tool-logs-modal.tsx';
import { AgentToolTestConsole } from '../../../features/agent-tools/components/agent-tool-test-console.tsx';
import { AgentToolsTable } from '../../../features/agent-tools/components/agent-tools-table.tsx';
import { getChannelsQueryOptions } from '../../../features/channels/api/get-channels.ts';
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
      <ListStates
        query={tools}
        errorTitle="Could not load agent tools"
        isEmpty={(data) => data.items.length === 0}
        empty={{
          icon: <IconTool size={28} />,
          title: 'No agent tool yet',
          description: 'Connect your shop or CRM: the AI can then look things up before it suggests a reply.',
          action: viewer.canAct && <Button onClick={() => setEditing(null)}>Add a tool</Button>,
        }}
      >
        {(data) => (
          <AgentToolsTable
            tools={data.items}
            channelName={channelName}
            canEdit={viewer.canAct}
            onEdit={setEditing}
            onDelete={setDeleting}
            onTest={setTesting}
            onLogs={setLogsOf}
          />
        )}
      </ListStates>
      <AgentToolFormModal opened={editing !== undefined} onClose={() => setEditing(undefined)} tool={editing} channels={channelList} />
      <AgentToolTestConsole tool={testing} onClose={() => setTesting(null)} />
      <AgentToolLogsModal tool={logsOf} onClose={() => setLogsOf(null)} />
      <ConfirmDeleteModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this tool?"
        doneMessage="Tool deleted"
        pending={remove.isPending}
        onConfirm={async () => {
          if (deleting) await remove.mutateAsync(deleting.id);
        }}
      >
        “{deleting?.name}” and its call logs will be deleted; the AI stops using it at once.
      </ConfirmDeleteModal>
    </SettingsPage>
  );
}
