import { describe, expect, test } from 'vitest';
import { linkParts } from './linkify.ts';

const links = (text: string) => linkParts(text).filter((p) => p.href).map((p) => p.href);

describe('linkParts', () => {
  test('http, https and mailto become links; the rest of the text is kept as it was', () => {
    expect(linkParts('See https://shop.example/orders/1042?x=1#y or write to mailto:help@shop.example.')).toEqual([
      { text: 'See ' },
      { text: 'https://shop.example/orders/1042?x=1#y', href: 'https://shop.example/orders/1042?x=1#y' },
      { text: ' or write to ' },
      { text: 'mailto:help@shop.example', href: 'mailto:help@shop.example' },
      { text: '.' },
    ]);
    expect(links('HTTP://Example.com/A')).toEqual(['http://example.com/A']);
    expect(linkParts('no links here')).toEqual([{ text: 'no links here' }]);
    expect(linkParts('')).toEqual([{ text: '' }]);
  });

  test('trailing punctuation and unbalanced brackets stay outside; a link\'s own parentheses stay inside', () => {
    expect(links('(see https://x.org/a).')).toEqual(['https://x.org/a']);
    expect(links('https://en.wikipedia.org/wiki/A_(b), ok')).toEqual(['https://en.wikipedia.org/wiki/A_(b)']);
    expect(links('Is it http://x.org?')).toEqual(['http://x.org/']);
  });

  test('hostile input never becomes a dangerous link', () => {
    for (const hostile of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(document.cookie)',
      ' javascript://%0aalert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      'xhttps://evil.example',
      'https://',
      'http://',
      'mailto:',
      'mailto:?body=hi',
    ]) {
      expect(links(hostile), hostile).toEqual([]);
      expect(linkParts(hostile).map((p) => p.text).join(''), hostile).toBe(hostile);
    }
  });

  test('markup next to a link is cut off at quotes and angle brackets, so it stays text', () => {
    const parts = linkParts('https://evil.example/"><img src=x onerror=alert(1)>');
    expect(parts[0]).toEqual({ text: 'https://evil.example/', href: 'https://evil.example/' });
    expect(parts.map((p) => p.text).join('')).toBe('https://evil.example/"><img src=x onerror=alert(1)>');
    expect(links("<a href='javascript:alert(1)'>https://ok.example</a>")).toEqual(['https://ok.example/']);
  });
});
