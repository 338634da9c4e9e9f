/**
 * A small fuzzy scorer for pickers: every character of `query` must appear in `text` in order
 * (case-insensitive); consecutive runs, word starts and an early first match score higher. null: no match.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.toLowerCase();
  const t = text.toLowerCase();
  if (!q) return 0;
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of q) {
    const at = t.indexOf(ch, from);
    if (at < 0) return null;
    score += 1;
    if (at === previous + 1) score += 3; // a run
    if (at === 0 || /[\s\-_/.]/.test(t[at - 1]!)) score += 2; // a word start
    previous = at;
    from = at + 1;
  }
  const first = t.indexOf(q[0]!);
  return score - first * 0.1 + (t.startsWith(q) ? 5 : 0);
}

/** The items that match, best first (ties keep their order); `fields` are tried and the best counts. */
export function fuzzyFilter<T>(items: readonly T[], query: string, fields: (item: T) => string[]): T[] {
  return items
    .map((item, index) => {
      const scores = fields(item).map((f) => fuzzyScore(query, f)).filter((s): s is number => s !== null);
      return { item, index, score: scores.length ? Math.max(...scores) : null };
    })
    .filter((r): r is { item: T; index: number; score: number } => r.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((r) => r.item);
}
