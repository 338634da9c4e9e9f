import { fuzzyScore } from './fuzzy-score.ts';

/**
 * The command palette's model (Cmd/Ctrl+K), free of React: what a command is, how a query ranks them and how
 * the highlighted row moves. The app composes the commands; components/command-palette renders them.
 */
export const PALETTE_GROUPS = ['Actions', 'Conversations', 'Customers', 'Views', 'Settings'] as const;
export type PaletteGroup = (typeof PALETTE_GROUPS)[number];

export type PaletteCommand = {
  id: string;
  group: PaletteGroup;
  label: string;
  /** A second, dimmer line (a conversation's preview, a customer's e-mail). */
  hint?: string;
  /** More words the query may match (e.g. "archive" for Close). */
  keywords?: readonly string[];
  /** Found by the server for this query (conversation and customer search): shown as they come, not filtered again. */
  searched?: boolean;
  /** Opens a second step (e.g. "Snooze…" lists its presets): the palette stays open. */
  keepOpen?: boolean;
  run: () => void;
};

const MIN_SCORE_PER_CHAR = 2.5;

export type PaletteSection = { group: PaletteGroup; commands: PaletteCommand[] };

/** Commands that match the query, best first within each group, groups in their fixed order; empty groups left out. */
export function rankCommands(commands: readonly PaletteCommand[], query: string, perGroup = 6): PaletteSection[] {
  const q = query.trim();
  return PALETTE_GROUPS.map((group) => {
    const scored = commands
      .filter((c) => c.group === group)
      .map((command, index) => {
        if (command.searched || !q) return { command, index, score: 0 };
        // A scattered match ("vera" in "cOnVERsAtions") is noise next to real results: ask for runs or word starts.
        const scores = [command.label, ...(command.keywords ?? [])]
          .map((text) => fuzzyScore(q, text))
          .filter((s): s is number => s !== null && s >= q.length * MIN_SCORE_PER_CHAR);
        return { command, index, score: scores.length ? Math.max(...scores) : null };
      })
      .filter((r): r is { command: PaletteCommand; index: number; score: number } => r.score !== null)
      .sort((a, b) => b.score - a.score || a.index - b.index);
    return { group, commands: scored.slice(0, perGroup).map((r) => r.command) };
  }).filter((s) => s.commands.length > 0);
}

/** The rows in display order (what ↑/↓ walk and the index `active` points into). */
export const flattenSections = (sections: readonly PaletteSection[]) => sections.flatMap((s) => s.commands);

/** ↑/↓ with wrap-around; nothing to highlight in an empty list. */
export function moveActive(active: number, delta: number, length: number): number {
  if (length <= 0) return -1;
  if (active < 0) return delta > 0 ? 0 : length - 1;
  return (((active + delta) % length) + length) % length;
}

/** Cmd+K on macOS, Ctrl+K elsewhere (either is accepted; Alt/Shift combinations are left to the browser). */
export function isPaletteShortcut(event: { key: string; metaKey?: boolean; ctrlKey?: boolean; altKey?: boolean; shiftKey?: boolean }): boolean {
  return event.key.toLowerCase() === 'k' && Boolean(event.metaKey || event.ctrlKey) && !event.altKey && !event.shiftKey;
}
