/**
 * Single-key shortcuts of the agent workspace (Gmail/Help Scout style). Pure mapping from a key event
 * to an action, so the rules — never while typing, never with a modifier — are tested once.
 */
export type ShortcutAction =
  | 'next-conversation'
  | 'previous-conversation'
  | 'focus-reply'
  | 'close-conversation'
  | 'focus-search'
  | 'toggle-select'
  | 'show-help'
  | 'leave-field';

export type ShortcutKeyInput = {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** IME composition in progress (Japanese, Chinese…): every key belongs to the composition. */
  isComposing?: boolean;
  /** Focus is in a text field, where letters are text. */
  inEditable: boolean;
};

export const SHORTCUTS: readonly { keys: readonly string[]; action: ShortcutAction; description: string }[] = [
  { keys: ['j'], action: 'next-conversation', description: 'Next conversation' },
  { keys: ['k'], action: 'previous-conversation', description: 'Previous conversation' },
  { keys: ['r'], action: 'focus-reply', description: 'Reply (focus the composer)' },
  { keys: ['e'], action: 'close-conversation', description: 'Close the conversation and open the next' },
  { keys: ['x'], action: 'toggle-select', description: 'Select the open conversation (bulk actions)' },
  { keys: ['/'], action: 'focus-search', description: 'Search conversations' },
  { keys: ['?'], action: 'show-help', description: 'Show keyboard shortcuts' },
  { keys: ['Escape'], action: 'leave-field', description: 'Leave the text field' },
];

const byKey = new Map<string, ShortcutAction>(SHORTCUTS.flatMap((s) => s.keys.map((k) => [k, s.action] as const)));

export function shortcutFor(input: ShortcutKeyInput): ShortcutAction | null {
  if (input.ctrlKey || input.metaKey || input.altKey || input.isComposing) return null;
  if (input.inEditable) return input.key === 'Escape' ? 'leave-field' : null;
  if (input.key === 'Escape') return null;
  return byKey.get(input.key) ?? null;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'password', 'number', 'tel', 'url', 'date', 'time', 'datetime-local', 'month', 'week', '']);

/** Whether keys typed at this element are text (inputs, textareas, selects, contenteditable). */
export function isEditableElement(el: { tagName?: string; type?: string; isContentEditable?: boolean } | null | undefined): boolean {
  if (!el) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName?.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return TEXT_INPUT_TYPES.has((el.type ?? '').toLowerCase());
  return false;
}
