import EmailReplyParser from 'email-reply-parser';
import type { ParsedMail } from 'mailparser';
import sanitizeHtml from 'sanitize-html';

/** Larger bodies are not kept as HTML (newsletters, pasted logs): the text `content` still shows. */
export const MAX_EMAIL_HTML = 200_000;

/** The class the dashboard collapses behind "…" (with blockquotes and the mail clients' own quote markers). */
export const QUOTED_CLASS = 'hs-quoted';

/**
 * What of a mail's HTML reaches the dashboard: structure, text formatting, tables and links — no scripts,
 * styles, forms, frames, event handlers or images (remote ones track the reader; inline ones are attachments).
 * The quote markers of Gmail/Thunderbird survive so the dashboard can collapse the history.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== 'img'),
  allowedAttributes: { a: ['href', 'title', 'target', 'rel'], blockquote: ['type'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedClasses: { div: ['gmail_quote', 'gmail_attr', 'moz-cite-prefix', QUOTED_CLASS], blockquote: ['gmail_quote'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Links leave the dashboard in a new tab and tell the target nothing.
    a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }),
  },
};

export const sanitizeEmailHtml = (html: string) => sanitizeHtml(html, OPTIONS).trim();

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A plain-text mail as HTML only when it has quoted history or a signature to collapse (else `content` says
 * it all): the new part as text, the rest marked as quoted.
 */
function textAsHtml(text: string): string | null {
  const fragments = new EmailReplyParser().read(text).getFragments();
  if (!fragments.some((f) => f.isHidden())) return null;
  return fragments
    .filter((f) => f.getContent().trim())
    .map((f) => `<div${f.isHidden() ? ` class="${QUOTED_CLASS}"` : ''}>${escapeHtml(f.getContent().trim()).replace(/\r?\n/g, '<br>')}</div>`)
    .join('');
}

/** The body the dashboard renders: the mail's sanitised HTML, or its text when quoted parts need collapsing. */
export function emailBodyHtml(mail: Pick<ParsedMail, 'html' | 'text'>): string | null {
  const html = typeof mail.html === 'string' && mail.html.trim() ? sanitizeEmailHtml(mail.html) : mail.text ? textAsHtml(mail.text) : null;
  if (!html || html.length > MAX_EMAIL_HTML) return null;
  return html;
}
