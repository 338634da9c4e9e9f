/**
 * The copy-paste embed code (STYLE.md 10, after cal.com's embed-snippet). Dependency-free and
 * DOM-free so the API can import it to answer GET /api/channels/[id]/widget-script.
 */

export interface SnippetOptions {
  /**
   * Also define the queueing stub inline, so the page can call `HelpStack('open')` (say, from its
   * own "Contact us" button) before the async loader has arrived. The loader keeps such a stub's queue.
   */
  stub?: boolean;
}

/** The inline stub: the same thing the loader defines, for pages that call the API before it loads. */
export const STUB_SCRIPT =
  'window.HelpStack=window.HelpStack||function(){(HelpStack.q=HelpStack.q||[]).push(arguments)};';

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * `<script async src="https://host/widget.js" data-channel-id="…"></script>` — the tag that loads the
 * widget loader asynchronously (it never blocks the host page) with the channel id on it.
 */
export function snippet(channelId: string, scriptUrl: string, options: SnippetOptions = {}): string {
  if (!channelId.trim()) throw new TypeError('snippet(): channelId is required');
  const url = new URL(scriptUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('snippet(): scriptUrl must be an http(s) URL');
  const tag = `<script async src="${escapeAttribute(url.href)}" data-channel-id="${escapeAttribute(channelId)}"></script>`;
  return options.stub ? `<script>${STUB_SCRIPT}</script>\n${tag}` : tag;
}
