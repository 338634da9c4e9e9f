import { describe, expect, it } from 'vitest';
import { emailDocument, QUOTE_SELECTOR } from './email-document.ts';

describe('the e-mail document', () => {
  it('holds the body, opens links in a new tab and hides quoted history until asked', () => {
    const doc = emailDocument('<p>Hi</p><blockquote>old</blockquote>');
    expect(doc).toContain('<body><p>Hi</p><blockquote>old</blockquote></body>');
    expect(doc).toContain('<base target="_blank">');
    expect(doc).toContain(`body:not(.show-quoted) :is(${QUOTE_SELECTOR}){display:none}`);
    expect(QUOTE_SELECTOR).toContain('.hs-quoted');
  });
});
