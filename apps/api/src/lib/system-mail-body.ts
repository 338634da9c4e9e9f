const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/**
 * The plain-text and simple HTML parts of one system mail: a few paragraphs, one button-like link
 * (also written out, for clients that hide links) and a closing note. Names come from users, so the
 * HTML part escapes everything.
 */
export function systemMailBody(parts: { paragraphs: string[]; link: { url: string; label: string }; footer: string }) {
  const { paragraphs, link, footer } = parts;
  const text = [...paragraphs, `${link.label}: ${link.url}`, footer].join('\n\n') + '\n';
  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const href = escapeHtml(link.url);
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.5;color:#1f2937">',
    ...paragraphs.map(p),
    `<p style="margin:0 0 16px"><a href="${href}" style="display:inline-block;padding:10px 18px;background:#228be6;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(link.label)}</a></p>`,
    `<p style="margin:0 0 16px;font-size:13px;color:#6b7280">Or open this address: <a href="${href}">${href}</a></p>`,
    `<p style="margin:0;font-size:13px;color:#6b7280">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { text, html };
}
