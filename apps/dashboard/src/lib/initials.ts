/** Up to two letters for an avatar: "Ada Lovelace" → "AL", "ada@example.com" → "A". */
export function initialsOf(name: string | null | undefined): string {
  const words = (name ?? '').replace(/@.*$/, '').split(/[\s._-]+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = words[0]![0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]![0] ?? '') : '';
  return (first + last).toUpperCase();
}

const AVATAR_COLORS = ['blue', 'cyan', 'grape', 'green', 'indigo', 'orange', 'pink', 'teal', 'violet', 'red'] as const;

/** A stable colour per person, so the same customer looks the same everywhere. */
export function avatarColorOf(key: string): (typeof AVATAR_COLORS)[number] {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return AVATAR_COLORS[Math.abs(hash) % AVATAR_COLORS.length]!;
}
