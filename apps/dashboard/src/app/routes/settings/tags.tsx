import type { Tag } from '@helpstack/contracts';
import { Button } from '@mantine/core';
import { IconPlus, IconTag } from '@tabler/icons-react';
import { useState } from 'react';
import { PageHeader } from '../../../components/layout/page-header.tsx';
import { SettingsPage } from '../../../components/layout/settings-page.tsx';
import { ConfirmDeleteModal } from '../../../components/ui/confirm-delete-modal.tsx';
import { ListStates } from '../../../components/ui/list-states.tsx';
import { useDeleteTag } from '../../../features/tags/api/save-tag.ts';
import { TagFormModal } from '../../../features/tags/components/tag-form-modal.tsx';
import { TagsTable } from '../../../features/tags/components/tags-table.tsx';
import { useTags } from '../../../lib/tags.ts';
import { useViewer } from '../../../lib/viewer.tsx';

/** Settings → Tags (CONTRACT §12): labels for conversations, shown on inbox rows and filterable. */
export function TagsRoute() {
  const viewer = useViewer();
  const tags = useTags();
  const remove = useDeleteTag();
  const [editing, setEditing] = useState<Tag | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<Tag | null>(null);

  return (
    <SettingsPage>
      <PageHeader
        title="Tags"
        description="Label conversations (Billing, Bug, VIP…), then filter the inbox by them. Tag from a conversation's header or many at once from the list."
        actions={viewer.canAct && <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing(null)}>Add tag</Button>}
      />
      <ListStates
        query={tags}
        errorTitle="Could not load tags"
        isEmpty={(data) => data.items.length === 0}
        empty={{
          icon: <IconTag size={28} />,
          title: 'No tag yet',
          description: 'Tags sort conversations by topic so the right people find them.',
          action: viewer.canAct && <Button onClick={() => setEditing(null)}>Add a tag</Button>,
        }}
      >
        {(data) => <TagsTable tags={data.items} canEdit={viewer.canAct} onEdit={setEditing} onDelete={setDeleting} />}
      </ListStates>
      <TagFormModal opened={editing !== undefined} onClose={() => setEditing(undefined)} tag={editing} />
      <ConfirmDeleteModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this tag?"
        doneMessage="Tag deleted"
        pending={remove.isPending}
        onConfirm={async () => {
          if (deleting) await remove.mutateAsync(deleting.id);
        }}
      >
        “{deleting?.name}” will be taken off every conversation.
      </ConfirmDeleteModal>
    </SettingsPage>
  );
}
