import type { Tag } from '@helpstack/contracts';
import { ActionIcon, Checkbox, Group, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { IconTag } from '@tabler/icons-react';
import { TagBadge } from '../../../components/ui/tag-badge.tsx';

type Props = {
  tags: Tag[];
  /** The conversation's tags. */
  value: Tag[];
  onChange: (tagIds: string[]) => void;
  disabled?: boolean;
};

/** The conversation's tags in its header, and a picker to change them (PATCH tagIds). */
export function TagPicker({ tags, value, onChange, disabled }: Props) {
  const ids = value.map((t) => t.id);
  return (
    <Group gap={4} wrap="nowrap" className="conversation-tags">
      {value.map((t) => <TagBadge key={t.id} tag={t} />)}
      {!disabled && (
        <Popover position="bottom-start" withArrow shadow="md" width={220}>
          <Popover.Target>
            <Tooltip label="Tags" withArrow>
              <ActionIcon size="sm" variant="subtle" color="gray" aria-label="Edit tags">
                <IconTag size={14} />
              </ActionIcon>
            </Tooltip>
          </Popover.Target>
          <Popover.Dropdown>
            {tags.length === 0 ? (
              <Text size="sm" c="dimmed">No tags yet: add them in Settings → Tags.</Text>
            ) : (
              <Stack gap={6} role="group" aria-label="Tags">
                {tags.map((t) => (
                  <Checkbox
                    key={t.id}
                    size="xs"
                    label={<TagBadge tag={t} size="sm" />}
                    aria-label={t.name}
                    checked={ids.includes(t.id)}
                    onChange={(e) => onChange(e.currentTarget.checked ? [...ids, t.id] : ids.filter((id) => id !== t.id))}
                  />
                ))}
              </Stack>
            )}
          </Popover.Dropdown>
        </Popover>
      )}
    </Group>
  );
}
