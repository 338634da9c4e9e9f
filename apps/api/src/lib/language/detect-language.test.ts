import { describe, expect, test } from 'vitest';
import { SUPPORT_MESSAGES } from '../../../test/fixtures/language-detection/support-messages.ts';
import { detectLanguage } from './detect-language.ts';
import { countLetters, MIN_CONFIDENT_LETTERS } from './letters.ts';

const long = SUPPORT_MESSAGES.filter((m) => countLetters(m.text) >= MIN_CONFIDENT_LETTERS);
const share = (hits: number, total: number) => hits / total;

describe('detectLanguage on short customer-support messages (test/fixtures/language-detection)', () => {
  test('≥ 95 % right on messages of ≥ 20 letters, and ≥ 90 % in every language', () => {
    const answers = long.map((m) => ({ ...m, detected: detectLanguage(m.text) }));
    const right = answers.filter((a) => a.detected.language === a.language);
    expect(long.length).toBeGreaterThanOrEqual(150);
    expect(share(right.length, answers.length)).toBeGreaterThanOrEqual(0.95);
    const languages = [...new Set(answers.map((a) => a.language))];
    expect(languages.length).toBeGreaterThanOrEqual(8);
    for (const language of languages) {
      const ofLanguage = answers.filter((a) => a.language === language);
      const rightInLanguage = ofLanguage.filter((a) => a.detected.language === language);
      expect({ language, accuracy: share(rightInLanguage.length, ofLanguage.length) }).toEqual({
        language,
        accuracy: expect.toSatisfy((accuracy: number) => accuracy >= 0.9),
      });
    }
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

  test('fast enough for every inbound message: thousands of detections in well under a second', () => {
    const texts = Array.from({ length: 10 }, () => SUPPORT_MESSAGES.map((m) => m.text)).flat();
    const started = performance.now();
    for (const text of texts) detectLanguage(text);
    expect(texts.length).toBeGreaterThan(2000);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
