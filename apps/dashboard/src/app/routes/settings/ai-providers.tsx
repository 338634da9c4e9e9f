import type { AiProvider } from '@helpstack/contracts';
import { Button } from '@mantine/core';
import { IconPlus, IconSparkles } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../../components/layout/page-header.tsx';
import { SettingsPage } from '../../../components/layout/settings-page.tsx';
import { ConfirmDeleteModal } from '../../../components/ui/confirm-delete-modal.tsx';
import { ListStates } from '../../../components/ui/list-states.tsx';
import { useDeleteAiProvider } from '../../../features/ai-providers/api/delete-ai-provider.ts';
import { useAiProviders } from '../../../features/ai-providers/api/get-ai-providers.ts';
import { AiProviderFormModal } from '../../../features/ai-providers/components/ai-provider-form-modal.tsx';
import { AiProvidersTable } from '../../../features/ai-providers/components/ai-providers-table.tsx';
import { organizationKey } from '../../../features/organization/api/get-organization.ts';
import { useViewer } from '../../../lib/viewer.tsx';

export function AiProvidersRoute() {
  const viewer = useViewer();
  const providers = useAiProviders();
  const remove = useDeleteAiProvider();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<AiProvider | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<AiProvider | null>(null);
  // A test call spends plan tokens, and the default lives on the organization too.
  const refreshOrganization = () => void queryClient.invalidateQueries({ queryKey: organizationKey });

  return (
    <SettingsPage>
      <PageHeader
        title="AI providers"
        description="The models that translate, suggest replies and draft FAQs. Channels use their own provider or the default. Every call uses plan tokens."
        actions={
          viewer.canAct && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing(null)}>
              Add provider
            </Button>
          )
        }
      />
      <ListStates
        query={providers}
        errorTitle="Could not load AI providers"
        isEmpty={(data) => data.items.length === 0}
        empty={{
          icon: <IconSparkles size={28} />,
          title: 'No AI provider yet',
          description: 'Add OpenAI, Anthropic, Google or a self-hosted OpenAI-compatible model to turn on translation and reply suggestions.',
          action: viewer.canAct && <Button onClick={() => setEditing(null)}>Add a provider</Button>,
        }}
      >
        {(data) => <AiProvidersTable providers={data.items} canEdit={viewer.canAct} onEdit={setEditing} onDelete={setDeleting} onTested={refreshOrganization} />}
      </ListStates>
      <AiProviderFormModal
        opened={editing !== undefined}
        onClose={() => {
          setEditing(undefined);
          refreshOrganization();
        }}
        provider={editing}
      />
      <ConfirmDeleteModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this provider?"
        doneMessage="Provider deleted"
        pending={remove.isPending}
        onConfirm={async () => {
          if (deleting) await remove.mutateAsync(deleting.id);
          refreshOrganization();
        }}
      >
        Channels using “{deleting?.name}” will use the organization's default instead.
      </ConfirmDeleteModal>
    </SettingsPage>
  );
}
