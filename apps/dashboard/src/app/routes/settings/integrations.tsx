import type { NotificationIntegration } from '@helpstack/contracts';
import { Button } from '@mantine/core';
import { IconPlus, IconWebhook } from '@tabler/icons-react';
import { useState } from 'react';
import { PageHeader } from '../../../components/layout/page-header.tsx';
import { SettingsPage } from '../../../components/layout/settings-page.tsx';
import { ConfirmDeleteModal } from '../../../components/ui/confirm-delete-modal.tsx';
import { ListStates } from '../../../components/ui/list-states.tsx';
import { useDeleteNotificationIntegration, useNotificationIntegrations } from '../../../features/notifications/api/integrations.ts';
import { IntegrationDeliveriesModal } from '../../../features/notifications/components/integration-deliveries-modal.tsx';
import { IntegrationFormModal } from '../../../features/notifications/components/integration-form-modal.tsx';
import { IntegrationsTable } from '../../../features/notifications/components/integrations-table.tsx';
import { useViewer } from '../../../lib/viewer.tsx';

/** Settings → Integrations: the organization's Slack, Discord, webhook and e-mail notifications (CONTRACT §11). VIEWER reads only. */
export function IntegrationsRoute() {
  const viewer = useViewer();
  const integrations = useNotificationIntegrations();
  const remove = useDeleteNotificationIntegration();
  const [editing, setEditing] = useState<NotificationIntegration | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<NotificationIntegration | null>(null);
  const [deliveriesOf, setDeliveriesOf] = useState<NotificationIntegration | null>(null);

  return (
    <SettingsPage>
      <PageHeader
        title="Integrations"
        description="Tell your team’s other tools what happens in HelpStack: a Slack or Discord channel, your own webhook, or a shared mailbox. Each attempt is logged."
        actions={
          viewer.canAct && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing(null)}>
              Add integration
            </Button>
          )
        }
      />
      <ListStates
        query={integrations}
        errorTitle="Could not load integrations"
        isEmpty={(data) => data.items.length === 0}
        empty={{
          icon: <IconWebhook size={28} />,
          title: 'No integration yet',
          description: 'Post new conversations to Slack or Discord, or send every event to your own systems.',
          action: viewer.canAct && <Button onClick={() => setEditing(null)}>Add an integration</Button>,
        }}
      >
        {(data) => <IntegrationsTable integrations={data.items} canEdit={viewer.canAct} onEdit={setEditing} onDelete={setDeleting} onDeliveries={setDeliveriesOf} />}
      </ListStates>
      <IntegrationFormModal opened={editing !== undefined} onClose={() => setEditing(undefined)} integration={editing} />
      <IntegrationDeliveriesModal integration={deliveriesOf} onClose={() => setDeliveriesOf(null)} />
      <ConfirmDeleteModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this integration?"
        doneMessage="Integration deleted"
        pending={remove.isPending}
        onConfirm={async () => {
          if (deleting) await remove.mutateAsync(deleting.id);
        }}
      >
        “{deleting?.name}” stops receiving events at once; its delivery log is deleted with it.
      </ConfirmDeleteModal>
    </SettingsPage>
  );
}
