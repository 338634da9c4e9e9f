import type { Faq } from '@helpstack/contracts';
import { Button, Group, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMessageQuestion, IconPlus } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { PageHeader } from '../../../components/layout/page-header.tsx';
import { SettingsPage } from '../../../components/layout/settings-page.tsx';
import { ConfirmDeleteModal } from '../../../components/ui/confirm-delete-modal.tsx';
import { ListStates } from '../../../components/ui/list-states.tsx';
import { useChannels } from '../../../features/channels/api/get-channels.ts';
import { useDeleteFaq } from '../../../features/faqs/api/delete-faq.ts';
import { useFaqs } from '../../../features/faqs/api/get-faqs.ts';
import { useReorderFaqs } from '../../../features/faqs/api/reorder-faqs.ts';
import { FaqFormModal } from '../../../features/faqs/components/faq-form-modal.tsx';
import { FaqProposals } from '../../../features/faqs/components/faq-proposals.tsx';
import { useOrganization } from '../../../features/organization/api/get-organization.ts';
import { SortableFaqList } from '../../../features/faqs/components/sortable-faq-list.tsx';
import { faqScope, ORG_WIDE } from '../../../features/faqs/utils/faq-scope.ts';
import { messageOf } from '../../../lib/form-errors.ts';
import { useViewer } from '../../../lib/viewer.tsx';

const route = getRouteApi('/_app/settings/faqs');

export function FaqsRoute() {
  const viewer = useViewer();
  const faqs = useFaqs();
  const channels = useChannels();
  const organization = useOrganization();
  const reorder = useReorderFaqs();
  const remove = useDeleteFaq();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [editing, setEditing] = useState<Faq | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<Faq | null>(null);

  const channelOptions = (channels.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  // Until both lists are in, the URL's choice (or every channel) stands; then the default goes where the FAQs are.
  const loaded = faqs.data && channels.data;
  const scope = loaded ? faqScope(search.channel, faqs.data.items, channelOptions.map((c) => c.value)) : (search.channel ?? ORG_WIDE);
  const setScope = (channel: string) => void navigate({ search: { channel }, replace: true });
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
      <ListStates
        query={faqs}
        rows={3}
        rowHeight={64}
        errorTitle="Could not load FAQs"
        isEmpty={() => visible.length === 0}
        empty={{
          icon: <IconMessageQuestion size={28} />,
          title: 'No FAQs here yet',
          description: 'Answer the questions you get every day once, and let visitors find them in the widget.',
          action: viewer.isAdmin && <Button onClick={() => setEditing(null)}>Add an FAQ</Button>,
        }}
      >
        {() => (
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
      </ListStates>
      <FaqFormModal opened={editing !== undefined} onClose={() => setEditing(undefined)} faq={editing} defaultChannelId={scopeId} channels={channelOptions} />
      <ConfirmDeleteModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this FAQ?"
        doneMessage="FAQ deleted"
        pending={remove.isPending}
        onConfirm={async () => {
          if (deleting) await remove.mutateAsync(deleting.id);
        }}
      >
        “{deleting?.question}” will no longer be shown to visitors.
      </ConfirmDeleteModal>
    </SettingsPage>
  );
}
