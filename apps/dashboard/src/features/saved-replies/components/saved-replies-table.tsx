import type { SavedReply } from '@helpstack/contracts';
import { Text } from '@mantine/core';
import { SettingsTable } from '../../../components/ui/settings-table.tsx';

type Props = {
  replies: SavedReply[];
  channelName: (id: string) => string;
  canEdit: boolean;
  onEdit: (r: SavedReply) => void;
  onDelete: (r: SavedReply) => void;
};

export function SavedRepliesTable({ replies, channelName, canEdit, onEdit, onDelete }: Props) {
  return (
    <SettingsTable
      rows={replies}
      minWidth={640}
      actions={{ canEdit, onEdit, onDelete }}
      columns={[
        {
          header: 'Shortcut',
          cell: (r) => (
            <Text fw={500} ff="monospace" size="sm">
              /{r.shortcut}
            </Text>
          ),
        },
        {
          header: 'Reply',
          cell: (r) => (
            <>
              <Text size="sm" fw={500}>
                {r.title}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={2}>
                {r.content}
              </Text>
            </>
          ),
        },
        { header: 'Offered on', cell: (r) => <Text size="sm">{r.channelId ? channelName(r.channelId) : 'Every channel'}</Text> },
      ]}
    />
  );
}
