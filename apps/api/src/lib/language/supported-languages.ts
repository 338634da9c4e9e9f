/**
 * The languages the product offers in its pickers (apps/dashboard/src/lib/languages.ts; supported-languages.test.ts
 * keeps the two in step and checks the detector can answer each of them). The detector itself is not restricted to
 * this list: measured on the support messages, restricting eld gained nothing and made it read languages outside
 * the list as a neighbour inside it, confidently (Slovak as Czech); see bench/language-detection.ts.
 */
export const SUPPORTED_LANGUAGES = [
  'en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'sl', 'hr', 'sr', 'pl', 'cs', 'sv', 'da', 'fi', 'no', 'ru', 'uk', 'tr',
  'ar', 'he', 'hi', 'ja', 'ko', 'zh',
] as const;
