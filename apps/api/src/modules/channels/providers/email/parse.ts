import { Readable } from 'node:stream';
import EmailReplyParser from 'email-reply-parser';
import type { FastifyInstance } from 'fastify';
import { simpleParser, type ParsedMail } from 'mailparser';
import sanitizeHtml from 'sanitize-html';
import { newId } from '../../../../db/schema/columns.ts';
import type { MessageAttachment } from '../../../../db/schema/index.ts';
import { insertMedia } from '../../../media/queries.ts';
import type { InboundMessage } from '../../../inbox/record-inbound-message.ts';
import { emailBodyHtml } from './body-html.ts';

const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** Auto-replies, out-of-office notes and bounces (RFC 3834, DSNs) never open or continue a conversation. */
export function isAutomatic(mail: ParsedMail) {
  const header = (name: string) => String(mail.headers.get(name) ?? '').toLowerCase();
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') return true;
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return true;
  if (['auto_reply', 'bulk', 'junk', 'list'].includes(header('precedence'))) return true;
  const type = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (type?.value === 'multipart/report' && type.params?.['report-type']?.toLowerCase() === 'delivery-status') return true;
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? '';
  return /^(mailer-daemon|postmaster)@/.test(from);
}

/** The new part of a reply: quoted history and signature removed; the whole text when nothing else is left. */
export function visibleText(mail: ParsedMail) {
  // An HTML-only mail is sanitised down to its text: nothing of its markup reaches the inbox.
  const text = mail.text ?? (mail.html ? sanitizeHtml(mail.html, { allowedTags: [], allowedAttributes: {} }) : '');
  const visible = new EmailReplyParser().read(text).getVisibleText().trim();
  return visible || text.trim();
}

async function storeAttachments(app: Pick<FastifyInstance, 'db' | 'storage'>, organizationId: string, mail: ParsedMail) {
  const out: MessageAttachment[] = [];
  for (const part of mail.attachments) {
    if (part.related || part.size > MAX_ATTACHMENT_BYTES) continue; // inline images of the HTML body; oversized files
    const id = newId();
    const key = `${organizationId}/${id}`;
    const stored = await app.storage.put(key, Readable.from([part.content]));
    const name = part.filename || 'attachment';
    const mimeType = part.contentType || 'application/octet-stream';
    await insertMedia(app.db, { id, organizationId, path: key, name, mimeType, size: stored.size, sha256: stored.sha256 });
    out.push({ id, name, mimeType, size: stored.size });
  }
  return out;
}

/** One raw mail as the inbox layer's input; null for mail that must not become a message (automatic, no sender). */
export async function inboundOf(
  app: Pick<FastifyInstance, 'db' | 'storage'>,
  channel: { id: string; organizationId: string },
  source: Buffer,
): Promise<InboundMessage | null> {
  const mail = await simpleParser(source);
  const sender = mail.from?.value[0];
  if (!sender?.address || isAutomatic(mail)) return null;
  const references = [mail.references ?? []].flat();
  if (mail.inReplyTo && !references.includes(mail.inReplyTo)) references.push(mail.inReplyTo);
  return {
    organizationId: channel.organizationId,
    channelId: channel.id,
    externalId: sender.address.toLowerCase(),
    customer: { email: sender.address.toLowerCase(), name: sender.name || null },
    content: visibleText(mail) || '(no text)',
    attachments: await storeAttachments(app, channel.organizationId, mail),
    messageExternalId: mail.messageId ?? `<uid-${newId()}@helpstack.invalid>`,
    thread: { references, subject: mail.subject?.trim() || null },
    email: { subject: mail.subject?.trim() || null, html: emailBodyHtml(mail) },
  };
}
