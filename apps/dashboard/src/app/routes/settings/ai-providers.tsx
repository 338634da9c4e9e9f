import type { AiProvider } from '@helpstack/contracts';
import { Button, EmptyState, Group, Modal, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconSparkles } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../../components/layout/page-header.tsx';
import { SettingsPage } from '../../../components/layout/settings-page.tsx';
import { QueryError } from '../../../components/ui/query-error.tsx';
import { useDeleteAiProvider } from '../../../features/ai-providers/api/delete-ai-provider.ts';
import { useAiProviders } from '../../../features/ai-providers/api/get-ai-providers.ts';
import { AiProviderFormModal } from '../../../features/ai-providers/components/ai-provider-form-modal.tsx';
import { AiProvidersTable } from '../../../features/ai-providers/components/ai-providers-table.tsx';
import { organizationKey } from '../../../features/organization/api/get-organization.ts';
import { messageOf } from '../../../lib/form-errors.ts';
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
      {providers.isPending ? (
        <Stack gap="xs">
          {[0, 1].map((i) => (
            <Skeleton key={i} height={56} radius="md" />
          ))}
        </Stack>
      ) : providers.isError ? (
        <QueryError error={providers.error} onRetry={() => void providers.refetch()} title="Could not load AI providers" />
      ) : providers.data.items.length === 0 ? (
        <Paper withBorder radius="lg" p="xl">
          <EmptyState
            icon={<IconSparkles size={28} />}
            withIndicatorBackground
            title="No AI provider yet"
            description="Add OpenAI, Anthropic, Google or a self-hosted OpenAI-compatible model to turn on translation and reply suggestions."
          >
            {viewer.canAct && (
              <EmptyState.Actions>
                <Button onClick={() => setEditing(null)}>Add a provider</Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        </Paper>
      ) : (
        <AiProvidersTable providers={providers.data.items} canEdit={viewer.canAct} onEdit={setEditing} onDelete={setDeleting} onTested={refreshOrganization} />
      )}
      <AiProviderFormModal
        opened={editing !== undefined}
        onClose={() => {
          setEditing(undefined);
          refreshOrganization();
        }}
        provider={editing}
      />
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title="Delete this provider?" centered>
        <Stack gap="md">
          <Text size="sm">Channels using “{deleting?.name}” will use the organization's default instead.</Text>
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
                    notifications.show({ color: 'teal', message: 'Provider deleted' });
                    setDeleting(null);
                    refreshOrganization();
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
