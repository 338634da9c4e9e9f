/**
 * The languages the detector may answer: every language the dashboard offers in its pickers
 * (apps/dashboard/src/lib/languages.ts; supported-languages.test.ts keeps the two in step). Restricting the
 * candidates keeps short messages from being read as a rarely seen neighbour (Slovenian as Slovak, Dutch as
 * Afrikaans); a message in a language outside the list is answered with the closest one, low in confidence.
 */
export const SUPPORTED_LANGUAGES = [
  'en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'sl', 'hr', 'sr', 'pl', 'cs', 'sv', 'da', 'fi', 'no', 'ru', 'uk', 'tr',
  'ar', 'he', 'hi', 'ja', 'ko', 'zh',
] as const;

export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];
