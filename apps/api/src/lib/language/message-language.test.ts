import { describe, expect, test } from 'vitest';
import { messageLanguage } from './message-language.ts';

const LONG_GERMAN = 'Das Paket ist beschädigt angekommen, bitte um Ersatz.';
const SHORT = 'Hvala lepa!';

describe('the language stored on an inbound message (CONTRACT §8.2)', () => {
  test('a confident detection wins over the conversation and the channel, and is reported as detected', () => {
    expect(messageLanguage(LONG_GERMAN, { conversationLanguage: 'en', fallbackLanguage: 'fr' })).toEqual({
      language: 'de',
      detected: 'de',
    });
  });

  test('a short message takes the conversation language, and nothing is detected', () => {
    expect(messageLanguage(SHORT, { conversationLanguage: 'sl', fallbackLanguage: 'de' })).toEqual({
      language: 'sl',
      detected: null,
    });
  });

  test('without a conversation language a short message takes the channel fallback language', () => {
    expect(messageLanguage(SHORT, { conversationLanguage: null, fallbackLanguage: 'hr' })).toEqual({
      language: 'hr',
      detected: null,
    });
  });

  test('with neither, a short message has no language (not a guess)', () => {
    expect(messageLanguage(SHORT, { conversationLanguage: null, fallbackLanguage: null })).toEqual({
      language: null,
      detected: null,
    });
    expect(messageLanguage('👍', { conversationLanguage: undefined, fallbackLanguage: undefined }).language).toBeNull();
  });

  test('a URL or an e-mail address does not make a short message long enough to trust', () => {
    const text = 'Hvala! https://trgovina.example.si/narocilo/4471/status?sledenje=aktivno';
    expect(messageLanguage(text, { conversationLanguage: 'sl', fallbackLanguage: 'en' })).toEqual({ language: 'sl', detected: null });
  });
});
