import { eld } from 'eld/small';
import { countLetters, languageText, MIN_CONFIDENT_LETTERS } from './letters.ts';

export type LanguageDetection = { language: string | null; confident: boolean };

// eld was chosen by bench/language-detection.ts: 100 % on the support messages of ≥ 20 letters, tens of µs a call.
// The small database scores as the large one there at a third of the load time and memory. All of eld's 60
// languages stay candidates (see supported-languages.ts for why). Its own instance, so no other user of eld in the
// process can change its settings; loaded once, at import (~0.25 s, ~50 MB).
const detector = eld.newInstance();

/** The languages the detector can answer (ISO 639-1). */
export const DETECTABLE_LANGUAGES: readonly string[] = Object.values(detector.info().Languages);

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
