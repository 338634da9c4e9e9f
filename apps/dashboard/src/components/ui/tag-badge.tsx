import type { Tag } from '@helpstack/contracts';
import { Badge, type BadgeProps } from '@mantine/core';

/** A tag as a small badge in its colour (a palette name or #rrggbb, both of which Mantine takes). */
export function TagBadge({ tag, ...props }: { tag: Pick<Tag, 'name' | 'color'> } & Omit<BadgeProps, 'color'>) {
  return (
    <Badge size="xs" variant="light" color={tag.color} radius="sm" tt="none" {...props}>
      {tag.name}
    </Badge>
  );
}
