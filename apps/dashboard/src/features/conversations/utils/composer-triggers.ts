/** What the text before the caret asks the composer to offer. */
export type ComposerTrigger =
  | { kind: 'saved-reply'; query: string }
  | { kind: 'mention'; query: string; start: number }
  | null;

const MENTION_BEFORE_CARET = /(^|\s)@([^\s@]{0,30})$/u;

/**
 * `/` as the first character of an otherwise single-word draft opens the saved replies; in a note, `@`
 * after a space (or at the start) opens the members, up to the caret.
 */
export function triggerAt(draft: string, caret: number, mode: 'reply' | 'note'): ComposerTrigger {
  const saved = /^\/(\S*)$/.exec(draft);
  if (saved) return { kind: 'saved-reply', query: saved[1]! };
  if (mode !== 'note') return null;
  const mention = MENTION_BEFORE_CARET.exec(draft.slice(0, caret));
  if (!mention) return null;
  return { kind: 'mention', query: mention[2]!, start: mention.index + mention[1]!.length };
}

/** The draft with `@query` (from `start` to the caret) replaced by `@Name `, and where the caret goes. */
export function insertMention(draft: string, trigger: { start: number }, caret: number, name: string) {
  const inserted = `@${name} `;
  return { text: draft.slice(0, trigger.start) + inserted + draft.slice(caret), caret: trigger.start + inserted.length };
}

/** The picked members still named in the text (one deleted by editing is no longer mentioned). */
export function mentionedIds(draft: string, picked: ReadonlyMap<string, string>): string[] {
  return [...picked].filter(([, name]) => draft.includes(`@${name}`)).map(([id]) => id);
}
