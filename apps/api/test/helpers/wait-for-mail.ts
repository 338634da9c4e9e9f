import type { ParsedMail } from 'mailparser';

/** The first mail in `mails` (a sink's list, which grows as mail arrives) to `to` that matches, within `timeoutMs`. */
export async function waitForMail(mails: ParsedMail[], to: string, match: (mail: ParsedMail) => boolean = () => true, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hit = mails.find((m) => mailTo(m).includes(to.toLowerCase()) && match(m));
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${timeoutMs} ms (got ${mails.length}: ${mails.map((m) => m.subject).join(', ')})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The recipients of a parsed mail, lower-cased. */
export function mailTo(mail: ParsedMail): string[] {
  const list = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return list.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
}

/** The first link in a mail's text part that starts with `prefix`. */
export function linkIn(mail: ParsedMail, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = (mail.text ?? '').match(new RegExp(`${escaped}\\S+`));
  if (!found) throw new Error(`no link starting with ${prefix} in: ${mail.text}`);
  return found[0];
}
