import type { Priority, Tag } from '@helpstack/contracts';
import { Button, CloseButton, Group, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconChevronDown, IconMail, IconRefresh } from '@tabler/icons-react';
import { TagBadge } from '../../../components/ui/tag-badge.tsx';
import { useBulkAction, type BulkInput } from '../api/bulk-action.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
const PRIORITIES: Priority[] = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'];
const label = (p: Priority) => p[0] + p.slice(1).toLowerCase();

type Props = {
  ids: string[];
  tags: Tag[];
  members: { userId: string; name: string }[];
  meId: string | null;
  onDone: () => void;
};

/** Actions on the selected rows (CONTRACT §12 bulk): one request each, then the selection is cleared. */
export function BulkBar({ ids, tags, members, meId, onDone }: Props) {
  const bulk = useBulkAction();
  const run = (input: DistributiveOmit<BulkInput, 'ids'>, done: string) =>
    bulk.mutate({ ...input, ids } as BulkInput, {
      onSuccess: (result) => {
        notifications.show({ color: 'teal', message: `${result.ids.length} ${result.ids.length === 1 ? 'conversation' : 'conversations'} ${done}` });
        onDone();
      },
      onError: (error) => notifications.show({ color: 'red', message: error.message }),
    });
  return (
    <div className="bulk-bar" role="toolbar" aria-label="Bulk actions">
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={600} aria-live="polite">{ids.length} selected</Text>
        <Button size="compact-xs" variant="light" leftSection={<IconCheck size={14} />} loading={bulk.isPending} onClick={() => run({ action: 'status', value: 'CLOSED' }, 'closed')}>
          Close
        </Button>
        <Button size="compact-xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={() => run({ action: 'status', value: 'OPEN' }, 'reopened')}>
          Reopen
        </Button>
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button size="compact-xs" variant="default" rightSection={<IconChevronDown size={12} />}>Assign</Button>
          </Menu.Target>
          <Menu.Dropdown>
            {meId && <Menu.Item onClick={() => run({ action: 'assign', value: meId }, 'assigned to you')}>Me</Menu.Item>}
            {members.filter((m) => m.userId !== meId).map((m) => (
              <Menu.Item key={m.userId} onClick={() => run({ action: 'assign', value: m.userId }, `assigned to ${m.name}`)}>{m.name}</Menu.Item>
            ))}
            <Menu.Divider />
            <Menu.Item onClick={() => run({ action: 'assign', value: null }, 'unassigned')}>Unassign</Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button size="compact-xs" variant="default" rightSection={<IconChevronDown size={12} />}>Tag</Button>
          </Menu.Target>
          <Menu.Dropdown>
            {tags.length === 0 && <Menu.Label>No tags yet (Settings → Tags)</Menu.Label>}
            {tags.map((t) => (
              <Menu.Item key={t.id} onClick={() => run({ action: 'tag', value: t.id }, `tagged ${t.name}`)} aria-label={`Tag ${t.name}`}>
                <TagBadge tag={t} size="sm" />
              </Menu.Item>
            ))}
            {tags.length > 0 && <Menu.Divider />}
            {tags.length > 0 && <Menu.Label>Remove</Menu.Label>}
            {tags.map((t) => (
              <Menu.Item key={`-${t.id}`} onClick={() => run({ action: 'untag', value: t.id }, `untagged ${t.name}`)} aria-label={`Remove tag ${t.name}`}>
                {t.name}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button size="compact-xs" variant="default" rightSection={<IconChevronDown size={12} />}>Priority</Button>
          </Menu.Target>
          <Menu.Dropdown>
            {PRIORITIES.map((p) => (
              <Menu.Item key={p} onClick={() => run({ action: 'priority', value: p }, `set to ${label(p)}`)}>{label(p)}</Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Button size="compact-xs" variant="default" leftSection={<IconMail size={14} />} onClick={() => run({ action: 'read' }, 'marked read')}>
          Mark read
        </Button>
        <CloseButton size="sm" aria-label="Clear selection" onClick={onDone} ml="auto" />
      </Group>
    </div>
  );
}
