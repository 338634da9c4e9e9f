import { describe, expect, test } from 'vitest';
import { countLetters, languageText } from './letters.ts';

describe('letters that count as language evidence', () => {
  test('letters of any alphabet count; digits, punctuation and emoji do not', () => {
    expect(countLetters('Wo ist mein Paket?')).toBe(14);
    expect(countLetters('Naročilo 12093 je poškodovano!')).toBe(21);
    expect(countLetters('📦📦 #48213 — 12,50 € !!!')).toBe(0);
  });

  test('URLs and e-mail addresses are not counted: their words are names, not the language', () => {
    expect(countLetters('see https://track.example.com/shipment/overview?lang=en')).toBe(3);
    expect(countLetters('www.example-shop.com/orders ok')).toBe(2);
    expect(countLetters('mail buchhaltung@mueller-gmbh.de bitte')).toBe(9);
    expect(languageText('Prosim, pošljite račun na racunovodstvo@pekarna-novak.si')).not.toContain('pekarna');
  });

  test('a Han, kana or Hangul character weighs three letters, so ten Japanese characters pass the threshold', () => {
    expect(countLetters('了解しました')).toBe(18);
    expect(countLetters('まだ荷物が届いていません。')).toBe(36);
    expect(countLetters('배송은 언제 오나요')).toBe(24);
  });
});
