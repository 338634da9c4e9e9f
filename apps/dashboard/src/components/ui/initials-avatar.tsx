import { Avatar, type AvatarProps } from '@mantine/core';
import { avatarColorOf, initialsOf, readableTextOn } from '../../lib/initials.ts';

/** A person's initials on a colour that is stable per person. Decorative: the name is always shown beside it. */
export function InitialsAvatar({ name, colorKey, hex, ...props }: { name: string | null | undefined; colorKey: string; hex?: string | null } & AvatarProps) {
  // A visitor's generated name comes with its own colour ("Blue Otter" is blue): shown as is, with readable initials.
  if (hex) {
    return (
      <Avatar color={hex} variant="filled" radius="xl" aria-hidden="true" className="initials-avatar" styles={{ placeholder: { color: readableTextOn(hex) } }} {...props}>
        {initialsOf(name)}
      </Avatar>
    );
  }
  const color = avatarColorOf(colorKey);
  // Darker (light scheme) / lighter (dark scheme) initials than Mantine's light variant: WCAG AA contrast for every colour.
  const style = { '--initials-fg-light': `color-mix(in srgb, var(--mantine-color-${color}-9) 68%, black)`, '--initials-fg-dark': `var(--mantine-color-${color}-1)` } as React.CSSProperties;
  return (
    <Avatar color={color} variant="light" radius="xl" aria-hidden="true" className="initials-avatar" style={style} {...props}>
      {initialsOf(name)}
    </Avatar>
  );
}
