import { eld } from 'eld/small';
import { countLetters, languageText, MIN_CONFIDENT_LETTERS } from './letters.ts';
import { SUPPORTED_LANGUAGES } from './supported-languages.ts';

export type LanguageDetection = { language: string | null; confident: boolean };

// eld was chosen by bench/language-detection.ts (100 % on the support messages of ≥ 20 letters, ~50 µs a call);
// the small database scores as the large one there at a third of the load time and memory. Its own instance, so
// the language subset set here is not shared with any other user of eld in the process; loaded once, at import.
const detector = eld.newInstance();
detector.setLanguageSubset([...SUPPORTED_LANGUAGES]);

/**
 * The language of a message (ISO 639-1), local and deterministic. `confident` is false when the text has fewer
 * than MIN_CONFIDENT_LETTERS letters or eld does not call its answer reliable; callers then prefer what they
 * already know (messageLanguage).
 */
export function detectLanguage(text: string): LanguageDetection {
  const cleaned = languageText(text);
  if (countLetters(cleaned) === 0) return { language: null, confident: false };
  const result = detector.detect(cleaned);
  const language = result.language || null;
  return { language, confident: language !== null && countLetters(cleaned) >= MIN_CONFIDENT_LETTERS && result.isReliable() };
}
