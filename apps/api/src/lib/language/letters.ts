/**
 * How much language evidence a text carries, in letters. URLs, e-mail addresses, numbers, emoji and punctuation
 * say nothing about the language of a chat message, so they are not counted.
 */
const URL_PATTERN = /\b(?:https?:\/\/|www\.)\S+/giu;
const EMAIL_PATTERN = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
const LETTER = /\p{L}/gu;
// One Han, kana or Hangul character carries about as much as three Latin letters (a Japanese message of ten
// characters says as much as an English one of thirty), so the same threshold works across scripts.
const DENSE_SCRIPT_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const DENSE_SCRIPT_WEIGHT = 3;

/** Below this many letters a chat message is too short to trust a detection of its language (CONTRACT §8.2). */
export const MIN_CONFIDENT_LETTERS = 20;

/** The text a detector should see: URLs and e-mail addresses removed (their words are names, not language). */
export function languageText(text: string): string {
  return text.replace(URL_PATTERN, ' ').replace(EMAIL_PATTERN, ' ');
}

/** Letters of `text` that count as language evidence, dense scripts weighted (see above). */
export function countLetters(text: string): number {
  const cleaned = languageText(text);
  const letters = cleaned.match(LETTER)?.length ?? 0;
  const dense = cleaned.match(DENSE_SCRIPT_LETTER)?.length ?? 0;
  return letters + dense * (DENSE_SCRIPT_WEIGHT - 1);
}
