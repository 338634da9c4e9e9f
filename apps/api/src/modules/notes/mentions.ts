/** A member as a mention can name them. */
export interface MentionableMember {
  id: string;
  name: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The members `@<name>` mentions in a note, in order of first mention. A name matches whole and
 * case-insensitively ("@grace hopper," mentions Grace Hopper, "@gracey" nobody); names with spaces work
 * because each member's full name is looked for, longest first, so "@Ada Lovelace" is never read as "@Ada"
 * when both are members.
 */
export function parseMentions(content: string, members: readonly MentionableMember[]): string[] {
  const byLength = [...members].filter((m) => m.name.trim()).sort((a, b) => b.name.length - a.name.length);
  const found: { id: string; at: number }[] = [];
  const taken: [number, number][] = [];
  for (const member of byLength) {
    const pattern = new RegExp(`(^|[^\\p{L}\\p{N}_])@${escapeRegExp(member.name.trim())}(?![\\p{L}\\p{N}_])`, 'giu');
    for (const match of content.matchAll(pattern)) {
      const start = match.index + match[1]!.length;
      const end = start + match[0].length - match[1]!.length;
      // A longer name already claimed these characters (e.g. "@Ada Lovelace" against "Ada").
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end]);
      found.push({ id: member.id, at: start });
    }
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.id))];
}
