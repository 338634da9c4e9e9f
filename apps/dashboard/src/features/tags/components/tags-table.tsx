import type { Tag } from '@helpstack/contracts';
import { SettingsTable } from '../../../components/ui/settings-table.tsx';
import { TagBadge } from '../../../components/ui/tag-badge.tsx';

type Props = { tags: Tag[]; canEdit: boolean; onEdit: (t: Tag) => void; onDelete: (t: Tag) => void };

export function TagsTable({ tags, canEdit, onEdit, onDelete }: Props) {
  return (
    <SettingsTable
      rows={tags}
      // A tag is only its badge, so each button says which tag it is for.
      actions={{ canEdit, onEdit, onDelete, name: (t) => t.name }}
      columns={[{ header: 'Tag', cell: (t) => <TagBadge tag={t} size="md" /> }]}
    />
  );
}
