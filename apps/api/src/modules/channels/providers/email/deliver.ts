import { randomUUID } from 'node:crypto';
import type { EmailCredentials } from '@helpstack/contracts';
import type { Attachment } from 'nodemailer/lib/mailer/index.js';
import { PermanentDeliveryError } from '../../delivery/errors.ts';
import type { DeliveryContext, DeliveryResult, ProviderServices } from '../types.ts';
import { findAttachmentMedia, threadMessageIds } from './queries.ts';
import { MailHostRefusedError } from './resolve.ts';
import { smtpTransport } from './transport.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** The reply as HTML: the text escaped, its line breaks kept. */
const htmlOf = (text: string) => `<div style="white-space:pre-wrap">${escapeHtml(text).replace(/\r?\n/g, '<br>')}</div>`;

/** 5xx answers (bad mailbox, refused sender, failed login) cannot be fixed by retrying; 4xx and network errors can. */
function isPermanent(err: unknown) {
  const code = (err as { responseCode?: unknown }).responseCode;
  if (typeof code === 'number') return code >= 500;
  return (err as { code?: unknown }).code === 'EAUTH';
}

async function attachmentsOf(ctx: DeliveryContext, services: ProviderServices): Promise<Attachment[]> {
  const out: Attachment[] = [];
  for (const a of ctx.message.attachments) {
    const row = await findAttachmentMedia(services.db, { organizationId: ctx.message.organizationId, id: a.id });
    if (!row) throw new PermanentDeliveryError(`Attachment ${a.name} no longer exists`);
    out.push({ filename: a.name, contentType: a.mimeType, content: await services.storage.get(row.path) });
  }
  return out;
}

/**
 * CONTRACT §10 e-mail replies: From the channel's address to the customer's, a generated Message-ID kept as
 * externalId, threaded on the conversation's earlier mails (none yet: a new thread with the subject itself).
 */
export async function deliverEmail(ctx: DeliveryContext, services: ProviderServices): Promise<DeliveryResult> {
  let credentials: EmailCredentials;
  try {
    credentials = ctx.credentials<EmailCredentials>();
  } catch {
    // Sealed with a key this installation no longer has, or damaged: no retry can read them.
    throw new PermanentDeliveryError('The channel\'s credentials cannot be read; save them again');
  }
  const to = ctx.customer?.email ?? ctx.customerIdentities.find((i) => i.externalId.includes('@'))?.externalId;
  if (!to) throw new PermanentDeliveryError('The customer has no e-mail address');
  const { message, conversation } = ctx;
  const previous = await threadMessageIds(services.db, { organizationId: message.organizationId, conversationId: conversation.id, exceptId: message.id });
  const subject = conversation.subject?.trim() || `Message from ${ctx.channel.name}`;
  const domain = credentials.from.split('@')[1] ?? 'helpstack.invalid';
  const messageId = `<${randomUUID()}@${domain}>`;
  let transport;
  try {
    transport = await smtpTransport(services.config, credentials);
  } catch (err) {
    if (err instanceof MailHostRefusedError) throw new PermanentDeliveryError(err.message);
    throw err;
  }
  try {
    await transport.sendMail({
      from: credentials.from,
      to,
      subject: previous.length ? `Re: ${subject.replace(/^re:\s*/i, '')}` : subject,
      messageId,
      ...(previous.length ? { inReplyTo: previous.at(-1), references: previous } : {}),
      text: message.content,
      html: htmlOf(message.content),
      attachments: await attachmentsOf(ctx, services),
    });
  } catch (err) {
    if (isPermanent(err)) throw new PermanentDeliveryError(`The mail server refused the message: ${(err as Error).message}`);
    throw err;
  } finally {
    transport.close();
  }
  return { status: 'SENT', externalId: messageId };
}
