import { describe, expect, it } from 'vitest';
import { format, resolveLanguage, stringsFor, translations } from './i18n.ts';

describe('i18n', () => {
  it('speaks en, de, fr, es and sl', () => {
    expect(stringsFor('en').send).toBe('Send');
    expect(stringsFor('de').send).toBe('Senden');
    expect(stringsFor('fr').send).toBe('Envoyer');
    expect(stringsFor('es').send).toBe('Enviar');
    expect(stringsFor('sl').send).toBe('Pošlji');
  });

  it('maps regional codes to their language, case-insensitively', () => {
    expect(resolveLanguage('de-AT')).toBe('de');
    expect(resolveLanguage('FR_ca')).toBe('fr');
    expect(resolveLanguage(' sl ')).toBe('sl');
  });

  it('falls back to English for unknown, empty or missing languages', () => {
    for (const lang of ['xx', 'pt-BR', '', null, undefined, 'constructor', '__proto__']) {
      expect(resolveLanguage(lang)).toBe('en');
      expect(stringsFor(lang).send).toBe('Send');
    }
  });

  it('falls back to English per string', () => {
    translations.zz = { send: 'Zend' };
    try {
      const s = stringsFor('zz');
      expect(s.send).toBe('Zend');
      expect(s.placeholder).toBe('Write a message…');
    } finally {
      delete translations.zz;
    }
  });

  it('every shipped language translates every string', () => {
    const keys = Object.keys(stringsFor('en')).sort();
    for (const lang of ['de', 'fr', 'es', 'sl']) expect(Object.keys(translations[lang]!).sort()).toEqual(keys);
  });

  it('formats placeholders and leaves unknown ones visible', () => {
    expect(format(stringsFor('de').dialogLabel, { name: 'Acme' })).toBe('Chat mit Acme');
    expect(format('{n} unread {x}', { n: 3 })).toBe('3 unread {x}');
  });
});
