/**
 * CONTRACT §12: the variables a saved reply may use, and their expansion — zod-free, so the dashboard's
 * composer expands them without pulling the schemas into its bundle (re-exported by `./constants`).
 */
export const SAVED_REPLY_VARIABLES = ['customer.name', 'agent.name', 'conversation.id'] as const;
export type SavedReplyVariable = (typeof SAVED_REPLY_VARIABLES)[number];

/** The values a saved reply's variables take in one conversation. */
export type SavedReplyValues = Partial<Record<SavedReplyVariable, string | null | undefined>>;

/** `{{ name }}` with optional spaces inside the braces. */
export const SAVED_REPLY_VARIABLE_PATTERN = /\{\{\s*([^}]*?)\s*\}\}/g;

/** Replaces the known variables (an unknown or empty value leaves an empty string, never `{{…}}` to the customer). */
export function expandSavedReply(content: string, values: SavedReplyValues): string {
  return content.replace(SAVED_REPLY_VARIABLE_PATTERN, (whole, name: string) =>
    (SAVED_REPLY_VARIABLES as readonly string[]).includes(name) ? (values[name as SavedReplyVariable] ?? '') : whole);
}
