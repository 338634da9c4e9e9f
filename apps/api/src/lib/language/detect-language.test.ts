import { describe, expect, test } from 'vitest';
import { SUPPORT_MESSAGES } from '../../../test/fixtures/language-detection/support-messages.ts';
import { detectLanguage } from './detect-language.ts';
import { countLetters, MIN_CONFIDENT_LETTERS } from './letters.ts';
import { SUPPORTED_LANGUAGES } from './supported-languages.ts';

const long = SUPPORT_MESSAGES.filter((m) => countLetters(m.text) >= MIN_CONFIDENT_LETTERS);
const share = (hits: number, total: number) => hits / total;

describe('detectLanguage on short customer-support messages (test/fixtures/language-detection)', () => {
  test('≥ 95 % right on messages of ≥ 20 letters, and ≥ 90 % in every language with at least ten of them', () => {
    const answers = long.map((m) => ({ ...m, detected: detectLanguage(m.text) }));
    const right = answers.filter((a) => a.detected.language === a.language);
    expect(long.length).toBeGreaterThanOrEqual(200);
    expect(share(right.length, answers.length)).toBeGreaterThanOrEqual(0.95);
    const measured = [...new Set(answers.map((a) => a.language))]
      .map((language) => ({ language, ofLanguage: answers.filter((a) => a.language === language) }))
      .filter(({ ofLanguage }) => ofLanguage.length >= 10);
    expect(measured.map(({ language }) => language)).toEqual(
      expect.arrayContaining(['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'sl', 'hr', 'ja']),
    );
    for (const { language, ofLanguage } of measured) {
      const accuracy = share(ofLanguage.filter((a) => a.detected.language === language).length, ofLanguage.length);
      expect({ language, accuracy }).toEqual({ language, accuracy: expect.toSatisfy((value: number) => value >= 0.9) });
    }
  });

  test('a language the dashboard does not offer is recognised, not read as a neighbour it offers (Slovak as Czech)', () => {
    const outside = long.filter((m) => !(SUPPORTED_LANGUAGES as readonly string[]).includes(m.language));
    expect(new Set(outside.map((m) => m.language))).toEqual(new Set(['sk', 'hu', 'ro']));
    const right = outside.filter((m) => detectLanguage(m.text).language === m.language);
    expect(share(right.length, outside.length)).toBeGreaterThanOrEqual(0.95);
  });

  test('a confident answer is a right one (≥ 95 %), and most long messages are answered confidently', () => {
    const confident = long.map((m) => ({ ...m, detected: detectLanguage(m.text) })).filter((a) => a.detected.confident);
    expect(share(confident.length, long.length)).toBeGreaterThanOrEqual(0.9);
    expect(share(confident.filter((a) => a.detected.language === a.language).length, confident.length)).toBeGreaterThanOrEqual(0.95);
  });

  test('under 20 letters is never confident, whatever the detector thinks', () => {
    const short = SUPPORT_MESSAGES.filter((m) => countLetters(m.text) < MIN_CONFIDENT_LETTERS);
    expect(short.length).toBeGreaterThan(20);
    for (const m of short) expect({ text: m.text, confident: detectLanguage(m.text).confident }).toEqual({ text: m.text, confident: false });
  });

  test('no letters, no language: numbers, emoji, a URL or an e-mail address alone', () => {
    for (const text of ['48213', '👍👍', '', '   ', 'https://shop.example.com/order/5512', 'ana.novak@example.si', '+44 20 7946 0958']) {
      expect({ text, ...detectLanguage(text) }).toEqual({ text, language: null, confident: false });
    }
  });

  test('the issue\'s examples: German, Slovenian and Japanese customers', () => {
    expect(detectLanguage('Das Paket ist beschädigt angekommen.')).toEqual({ language: 'de', confident: true });
    expect(detectLanguage('Paket je prispel poškodovan, škatla je bila zmečkana.')).toEqual({ language: 'sl', confident: true });
    expect(detectLanguage('まだ荷物が届いていません。')).toEqual({ language: 'ja', confident: true });
  });

  test('deterministic: the same text gets the same answer, whatever was detected before', () => {
    const first = SUPPORT_MESSAGES.map((m) => detectLanguage(m.text));
    const reversed = [...SUPPORT_MESSAGES].reverse().map((m) => detectLanguage(m.text)).reverse();
    expect(reversed).toEqual(first);
  });
});
