import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { LinkedText } from './linked-text.tsx';

const html = (text: string) => renderToStaticMarkup(<LinkedText text={text} />);

describe('LinkedText', () => {
  test('links open in a new tab without opener, referrer or endorsement', () => {
    expect(html('Track it at https://shop.example/t/1.')).toBe(
      'Track it at <a href="https://shop.example/t/1" target="_blank" rel="noopener noreferrer nofollow" class="msg-link">https://shop.example/t/1</a>.',
    );
  });

  test('message text never becomes markup or a script link', () => {
    const out = html('<script>alert(1)</script> <a href="javascript:alert(1)">x</a> https://a.example/"onmouseover="alert(1)');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('href="javascript');
    expect(out).not.toMatch(/<a [^>]*onmouseover/);
    expect(out).toContain('&lt;script&gt;');
    expect(out.match(/<a /g)).toHaveLength(1);
    expect(out).toContain('<a href="https://a.example/" target="_blank" rel="noopener noreferrer nofollow" class="msg-link">https://a.example/</a>');
  });
});
