import type { Message } from '@helpstack/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Executor } from '../../db/client.ts';
import { channels, conversations, customers, messages, organizations } from '../../db/schema/index.ts';

export const OFFLINE_MAIL_QUEUE = 'widget-offline-reply-mail';
interface OfflineMailJob { organizationId: string; messageId: string }

/** Replies by a person or the AI; never a private note or a system line. */
const isVisitorFacingReply = (m: Message) =>
  m.direction === 'OUTBOUND' && m.approved && (m.senderType === 'AGENT' || m.senderType === 'AI') && !(m as { private?: boolean }).private;

/** The reply with where it goes: a website-chat conversation whose customer left an e-mail address. */
async function findOfflineReply(db: Executor, params: OfflineMailJob) {
  const [row] = await db
    .select({
      content: messages.content,
      status: messages.status,
      direction: messages.direction,
      email: sql<string | null>`coalesce(${customers.email}, ${customers.metadata}->>'offlineEmail')`,
      customerName: customers.name,
      nameGenerated: customers.nameGenerated,
      context: conversations.context,
      organizationName: organizations.name,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(channels, and(eq(channels.id, conversations.channelId), eq(channels.type, 'WEBSITE_CHAT')))
    .innerJoin(customers, eq(customers.id, conversations.customerId))
    .innerJoin(organizations, eq(organizations.id, messages.organizationId))
    .where(and(eq(messages.organizationId, params.organizationId), eq(messages.id, params.messageId)))
    .limit(1);
  return row?.email ? row : null;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The e-mail itself: plain text and simple HTML, the organization's name, the reply, a link back to the chat. */
export function offlineReplyMail(r: { organizationName: string; content: string; customerName: string | null; pageUrl: string | null }) {
  const hello = r.customerName ? `Hi ${r.customerName},` : 'Hi,';
  const subject = `${r.organizationName} replied to your message`;
  const link = r.pageUrl ? `Continue the conversation: ${r.pageUrl}` : 'Open the chat on our website to continue the conversation.';
  const text = `${hello}\n\n${r.organizationName} answered while you were away:\n\n${r.content}\n\n${link}\n`;
  const html = [
    `<p>${escapeHtml(hello)}</p>`,
    `<p><strong>${escapeHtml(r.organizationName)}</strong> answered while you were away:</p>`,
    `<blockquote style="border-left:3px solid #ccc;margin:0;padding:0 12px;white-space:pre-wrap">${escapeHtml(r.content)}</blockquote>`,
    r.pageUrl ? `<p><a href="${escapeHtml(r.pageUrl)}">Continue the conversation</a></p>` : `<p>${escapeHtml(link)}</p>`,
  ].join('\n');
  return { subject, text, html };
}

/**
 * Offline e-mail capture, the sending half (CONTRACT §12): a reply that reached no socket of the visitor
 * (delivery left it SENT, not DELIVERED) is e-mailed to the address the visitor left, by a durable job
 * through the system mailer. A reply the visitor has seen meanwhile (READ) is not sent.
 */
export function registerOfflineMail(app: FastifyInstance) {
  app.queue.define<OfflineMailJob>({
    name: OFFLINE_MAIL_QUEUE,
    options: { policy: 'exclusive', retryLimit: 3, retryDelay: 15, retryBackoff: true, expireInSeconds: 120 },
    worker: {
      handler: async ([job]) => {
        const reply = await findOfflineReply(app.db, job!.data);
        if (!reply || reply.status === 'READ') return;
        const pageUrl = reply.context?.pageUrl ?? null;
        const mail = offlineReplyMail({ organizationName: reply.organizationName, content: reply.content, customerName: reply.nameGenerated ? null : reply.customerName, pageUrl });
        await app.systemMail.send({ to: reply.email!, ...mail });
      },
    },
  });

  app.events.subscribe('widget-offline-mail', async (event, tx) => {
    if (event.type !== 'message.updated' || event.data.status !== 'SENT' || !isVisitorFacingReply(event.data)) return;
    const job = { organizationId: event.organizationId, messageId: event.data.id };
    if (!(await findOfflineReply(tx, job))) return;
    // After the receipt commits (PGlite has one connection), as the AI subscriber does.
    return async () => {
      await app.queue.send<OfflineMailJob>(OFFLINE_MAIL_QUEUE, job, { singletonKey: job.messageId });
    };
  }, { types: ['message.updated'] });
}
