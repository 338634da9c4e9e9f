import type { Faq } from '@helpstack/contracts';
import { Button, EmptyState, Group, Modal, Paper, Select, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMessageQuestion, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { PageHeader } from '../../../components/layout/page-header.tsx';
import { SettingsPage } from '../../../components/layout/settings-page.tsx';
import { QueryError } from '../../../components/ui/query-error.tsx';
import { useChannels } from '../../../features/channels/api/get-channels.ts';
import { useDeleteFaq } from '../../../features/faqs/api/delete-faq.ts';
import { useFaqs } from '../../../features/faqs/api/get-faqs.ts';
import { useReorderFaqs } from '../../../features/faqs/api/reorder-faqs.ts';
import { FaqFormModal } from '../../../features/faqs/components/faq-form-modal.tsx';
import { FaqProposals } from '../../../features/faqs/components/faq-proposals.tsx';
import { useOrganization } from '../../../features/organization/api/get-organization.ts';
import { SortableFaqList } from '../../../features/faqs/components/sortable-faq-list.tsx';
import { messageOf } from '../../../lib/form-errors.ts';
import { useViewer } from '../../../lib/viewer.tsx';

const ORG_WIDE = '__all__';

export function FaqsRoute() {
  const viewer = useViewer();
  const faqs = useFaqs();
  const channels = useChannels();
  const organization = useOrganization();
  const reorder = useReorderFaqs();
  const remove = useDeleteFaq();
  const [scope, setScope] = useState<string>(ORG_WIDE);
  const [editing, setEditing] = useState<Faq | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<Faq | null>(null);

  const channelOptions = (channels.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  const scopeId = scope === ORG_WIDE ? null : scope;
  const visible = useMemo(
    () => (faqs.data?.items ?? []).filter((f) => f.channelId === scopeId).sort((a, b) => a.order - b.order),
    [faqs.data, scopeId],
  );

  return (
    <SettingsPage>
      <PageHeader
        title="FAQs"
        description="Answers the chat widget offers before a visitor writes in (the first five in this order). Drag to reorder."
        actions={
          viewer.isAdmin && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing(null)}>
              New FAQ
            </Button>
          )
        }
      />
      <Group mb="md" align="flex-end">
        <Select
          label="Shown on"
          data={[{ value: ORG_WIDE, label: 'Every channel' }, ...channelOptions]}
          value={scope}
          onChange={(v) => setScope(v ?? ORG_WIDE)}
          allowDeselect={false}
          w={280}
        />
        <Text size="sm" c="dimmed" pb={8}>
          {visible.length} {visible.length === 1 ? 'FAQ' : 'FAQs'}
        </Text>
      </Group>
      {viewer.isAdmin && <FaqProposals key={scopeId ?? ORG_WIDE} channelId={scopeId} tokenBalance={organization.data?.tokenBalance} />}
      {faqs.isPending ? (
        <Stack gap="xs">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={64} radius="md" />
          ))}
        </Stack>
      ) : faqs.isError ? (
        <QueryError error={faqs.error} onRetry={() => void faqs.refetch()} title="Could not load FAQs" />
      ) : visible.length === 0 ? (
        <Paper withBorder radius="lg" p="xl">
          <EmptyState
            icon={<IconMessageQuestion size={28} />}
            withIndicatorBackground
            title="No FAQs here yet"
            description="Answer the questions you get every day once, and let visitors find them in the widget."
          >
            {viewer.isAdmin && (
              <EmptyState.Actions>
                <Button onClick={() => setEditing(null)}>Add an FAQ</Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        </Paper>
      ) : (
        <SortableFaqList
          faqs={visible}
          canEdit={viewer.canAct}
          onReorder={(ids) =>
            reorder.mutate(ids, {
              onSuccess: () => notifications.show({ color: 'teal', message: 'Order saved', autoClose: 1500 }),
              onError: (error) => notifications.show({ color: 'red', title: 'Could not save the order', message: messageOf(error) }),
            })
          }
          onEdit={setEditing}
          onDelete={setDeleting}
        />
      )}
      <FaqFormModal opened={editing !== undefined} onClose={() => setEditing(undefined)} faq={editing} defaultChannelId={scopeId} channels={channelOptions} />
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title="Delete this FAQ?" centered>
        <Stack gap="md">
          <Text size="sm">“{deleting?.question}” will no longer be shown to visitors.</Text>
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
                    notifications.show({ color: 'teal', message: 'FAQ deleted' });
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
