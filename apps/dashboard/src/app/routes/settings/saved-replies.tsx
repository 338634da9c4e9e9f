import type { SavedReply } from '@helpstack/contracts';
import { Button } from '@mantine/core';
import { IconMessageBolt, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../../components/layout/page-header.tsx';
import { SettingsPage } from '../../../components/layout/settings-page.tsx';
import { ConfirmDeleteModal } from '../../../components/ui/confirm-delete-modal.tsx';
import { ListStates } from '../../../components/ui/list-states.tsx';
import { getChannelsQueryOptions } from '../../../features/channels/api/get-channels.ts';
import { useDeleteSavedReply } from '../../../features/saved-replies/api/save-saved-reply.ts';
import { SavedRepliesTable } from '../../../features/saved-replies/components/saved-replies-table.tsx';
import { SavedReplyFormModal } from '../../../features/saved-replies/components/saved-reply-form-modal.tsx';
import { useSavedReplies } from '../../../lib/saved-replies.ts';
import { useViewer } from '../../../lib/viewer.tsx';

/** Settings → Saved replies (CONTRACT §12): what the composer offers on `/`. */
export function SavedRepliesRoute() {
  const viewer = useViewer();
  const replies = useSavedReplies();
  const channels = useQuery(getChannelsQueryOptions());
  const remove = useDeleteSavedReply();
  const [editing, setEditing] = useState<SavedReply | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<SavedReply | null>(null);
  const channelList = (channels.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  const channelName = (id: string) => channelList.find((c) => c.value === id)?.label ?? 'One channel';

  return (
    <SettingsPage>
      <PageHeader
        title="Saved replies"
        description="Answers you give often. Type / at the start of the reply box to insert one; {{customer.name}}, {{agent.name}} and {{conversation.id}} are filled in."
        actions={
          viewer.canAct && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing(null)}>
              Add saved reply
            </Button>
          )
        }
      />
      <ListStates
        query={replies}
        errorTitle="Could not load saved replies"
        isEmpty={(data) => data.items.length === 0}
        empty={{
          icon: <IconMessageBolt size={28} />,
          title: 'No saved reply yet',
          description: 'Save the answers your team types every day, then insert them with / in any conversation.',
          action: viewer.canAct && <Button onClick={() => setEditing(null)}>Add a saved reply</Button>,
        }}
      >
        {(data) => <SavedRepliesTable replies={data.items} channelName={channelName} canEdit={viewer.canAct} onEdit={setEditing} onDelete={setDeleting} />}
      </ListStates>
      <SavedReplyFormModal opened={editing !== undefined} onClose={() => setEditing(undefined)} reply={editing} channels={channelList} />
      <ConfirmDeleteModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this saved reply?"
        doneMessage="Saved reply deleted"
        pending={remove.isPending}
        onConfirm={async () => {
          if (deleting) await remove.mutateAsync(deleting.id);
        }}
      >
        “/{deleting?.shortcut}” will no longer be offered in the reply box.
      </ConfirmDeleteModal>
    </SettingsPage>
  );
}
