import { describe, expect, it } from 'vitest';
import { snippet, STUB_SCRIPT } from './snippet.ts';

describe('snippet', () => {
  it('is the async script tag with the channel id on it', () => {
    expect(snippet('ch_123', 'https://support.example.com/widget.js')).toBe(
      '<script async src="https://support.example.com/widget.js" data-channel-id="ch_123"></script>',
    );
  });

  it('escapes what it puts into attributes', () => {
    const tag = snippet('a"b<c>&d', 'https://x.example/widget.js?a=1&b="2"');
    expect(tag).toContain('data-channel-id="a&quot;b&lt;c&gt;&amp;d"');
    expect(tag).toContain('src="https://x.example/widget.js?a=1&amp;b=%222%22"');
    expect(tag.match(/"/g)).toHaveLength(4);
  });

  it('refuses an empty channel id and non-http URLs', () => {
    expect(() => snippet(' ', 'https://x.example/widget.js')).toThrow(TypeError);
    expect(() => snippet('c', 'javascript:alert(1)')).toThrow(TypeError);
    expect(() => snippet('c', '/widget.js')).toThrow(TypeError);
  });

  it('can prepend the inline queueing stub', () => {
    const out = snippet('c1', 'https://x.example/widget.js', { stub: true });
    expect(out.split('\n')).toEqual([
      `<script>${STUB_SCRIPT}</script>`,
      '<script async src="https://x.example/widget.js" data-channel-id="c1"></script>',
    ]);
  });

  it('the stub queues calls with their arguments, and keeps an existing stub', () => {
    type Stub = ((...a: unknown[]) => void) & { q?: ArrayLike<unknown>[] };
    const win: { HelpStack?: Stub } = {};
    // A page's global scope: bare `HelpStack` is `window.HelpStack`.
    const runStub = () => new Function('window', `with (window) { ${STUB_SCRIPT} }`)(win);
    runStub();
    win.HelpStack!('open');
    win.HelpStack!('identify', { name: 'Ada' });
    const first = win.HelpStack;
    runStub();
    expect(win.HelpStack).toBe(first);
    expect(win.HelpStack!.q!.map((a) => Array.from(a))).toEqual([['open'], ['identify', { name: 'Ada' }]]);
  });
});
