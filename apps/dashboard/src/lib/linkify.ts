/**
 * Message text cut into plain runs and links (http, https, mailto) — data only, so the caller builds React
 * nodes and nothing is ever parsed as HTML. Anything else that looks like a scheme (`javascript:`, `data:`)
 * stays text.
 */
export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

// A scheme at a word start (not "xhttps://"), then anything up to whitespace, quotes or angle brackets.
const CANDIDATE = /(?<![\p{L}\p{N}_])(?:https?:\/\/|mailto:)[^\s<>"'`]+/giu;
const ALLOWED = new Set(['http:', 'https:', 'mailto:']);
const TRAILING = /[.,;:!?'"*_~]+$/;

/** "(see https://x.org/a)" keeps the ")" out; "https://en.wikipedia.org/wiki/A_(b)" keeps its own. */
function trimTrailing(raw: string): string {
  let url = raw.replace(TRAILING, '');
  for (const [open, close] of [['(', ')'], ['[', ']'], ['{', '}']] as const) {
    while (url.endsWith(close) && url.split(close).length > url.split(open).length) {
      url = url.slice(0, -1).replace(TRAILING, '');
    }
  }
  return url;
}

function safeHref(candidate: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (!ALLOWED.has(url.protocol)) return null;
  if (url.protocol === 'mailto:' ? !url.pathname.includes('@') : !url.hostname) return null;
  return url.href;
}

export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const candidate = trimTrailing(match[0]);
    const href = safeHref(candidate);
    if (!href) continue;
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ text: candidate, href });
    last = match.index + candidate.length;
  }
  if (last < text.length || !parts.length) parts.push({ text: text.slice(last) });
  return parts;
}
