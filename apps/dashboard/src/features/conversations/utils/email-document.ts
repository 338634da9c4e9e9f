/** What mail clients mark as quoted history (Gmail, Thunderbird, Apple Mail/Outlook blockquotes, ours for text mail). */
export const QUOTE_SELECTOR = 'blockquote, .gmail_quote, .moz-cite-prefix, .hs-quoted';

const STYLE = [
  'html,body{margin:0;padding:0;background:transparent}',
  'body{font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;overflow-wrap:anywhere;color:inherit}',
  'p{margin:0 0 .6em}',
  'a{color:#2563eb}',
  'table{max-width:100%;border-collapse:collapse}',
  'pre{white-space:pre-wrap}',
  'blockquote{margin:.4em 0;padding-left:.7em;border-left:2px solid #c9ccd1;opacity:.85}',
  `body:not(.show-quoted) :is(${QUOTE_SELECTOR}){display:none}`,
].join('');

/**
 * The document an e-mail's HTML (already sanitised by the API) is shown in, inside a sandboxed iframe that
 * runs no scripts: links open in a new tab, quoted history is hidden until the body gets `show-quoted`.
 */
export function emailDocument(html: string) {
  return `<!doctype html><html><head><meta charset="utf-8"><base target="_blank"><style>${STYLE}</style></head><body>${html}</body></html>`;
}
