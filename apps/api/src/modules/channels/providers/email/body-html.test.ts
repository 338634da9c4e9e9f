import { describe, expect, test } from 'vitest';
import { emailBodyHtml, MAX_EMAIL_HTML, sanitizeEmailHtml } from './body-html.ts';

describe('e-mail bodies for the dashboard', () => {
  test('scripts, handlers, styles, forms, frames and images are removed; text and links stay', () => {
    const html = sanitizeEmailHtml([
      '<p onclick="steal()">Hello <b>there</b></p><script>alert(1)</script><style>p{}</style>',
      '<img src="https://tracker.example/pixel.gif"><iframe src="https://evil.example"></iframe>',
      '<form action="https://evil.example"><input name="q"></form>',
      '<a href="javascript:alert(1)">bad</a> <a href="https://shop.example/order/1" style="color:red">order</a>',
    ].join(''));
    expect(html).not.toMatch(/script|onclick|style|img|iframe|form|input|javascript:|tracker/i);
    expect(html).toContain('<p>Hello <b>there</b></p>');
    expect(html).toContain('<a href="https://shop.example/order/1" target="_blank" rel="noopener noreferrer nofollow">order</a>');
  });

  test('the quote markers of mail clients survive, other classes do not', () => {
    const html = sanitizeEmailHtml('<div class="x gmail_quote">On Mon <blockquote type="cite" class="gmail_quote evil">old</blockquote></div>');
    expect(html).toBe('<div class="gmail_quote">On Mon <blockquote type="cite" class="gmail_quote">old</blockquote></div>');
  });

  test('a plain-text mail with quoted history becomes HTML with the history marked; without, none is needed', () => {
    const html = emailBodyHtml({ html: false, text: 'New <text>\n\nOn Mon, 1 Jan 2024 Bob wrote:\n> older\n> more\n' });
    expect(html).toMatch(/^<div>New &#60;text&#62;<\/div><div class="hs-quoted">On Mon, 1 Jan 2024 Bob wrote:<br>&#62; older<br>&#62; more<\/div>$/);
    expect(emailBodyHtml({ html: false, text: 'Just a question' })).toBeNull();
  });

  test('an oversized body is not kept as HTML', () => {
    expect(emailBodyHtml({ html: `<p>${'x'.repeat(MAX_EMAIL_HTML)}</p>`, text: 'x' })).toBeNull();
    expect(emailBodyHtml({ html: '<p>ok</p>', text: 'ok' })).toBe('<p>ok</p>');
  });
});
