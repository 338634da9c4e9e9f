import type { Conversation, Message, NotificationEvent } from '@helpstack/contracts';

/** What happened, as the routing subscriber found it: the event name of CONTRACT §11 and its resources. */
export interface Occurrence {
  event: NotificationEvent;
  organizationId: string;
  conversation: Conversation;
  message: Message | null;
}

const PREVIEW_CHARS = 200;
const clip = (s: string, n = PREVIEW_CHARS) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const customerOf = (c: Conversation) => c.customer?.name || c.customer?.email || c.customer?.phone || 'A visitor';

/** The dashboard route of a conversation (apps/dashboard router: /inbox/$conversationId). */
export const conversationPath = (conversationId: string) => `/inbox/${encodeURIComponent(conversationId)}`;

/** Title and one-line body, shared by in-app, push, e-mail and the chat integrations. */
export function describe(o: Occurrence): { title: string; body: string } {
  const c = o.conversation;
  const about = clip(c.lastMessagePreview || c.subject || 'No messages yet');
  switch (o.event) {
    case 'conversation.created':
      return { title: `New conversation from ${customerOf(c)}`, body: about };
    case 'conversation.assigned':
      return { title: 'A conversation was assigned to you', body: `${customerOf(c)}: ${c.subject ? clip(c.subject) : about}` };
    case 'message.created':
      return {
        title: `New message from ${customerOf(c)}`,
        body: o.message ? clip(o.message.content || '(attachment)') : about,
      };
    case 'mention':
      return { title: `You were mentioned in a note on ${customerOf(c)}'s conversation`, body: o.message ? clip(o.message.content) : about };
  }
}

/** Integrations speak about the organization, not to one user. */
export function describeForTeam(o: Occurrence): { title: string; body: string } {
  if (o.event === 'conversation.assigned') return { title: 'Conversation assigned', body: describe(o).body };
  return describe(o);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** A notification e-mail: plain text and simple HTML, with the organization's name and a link to the conversation. */
export function notificationMail(o: Occurrence, opts: { organizationName: string; link: string | null; forTeam?: boolean }) {
  const { title, body } = opts.forTeam ? describeForTeam(o) : describe(o);
  const subject = `[${opts.organizationName}] ${title}`;
  const text = [title, '', body, ...(opts.link ? ['', `Open the conversation: ${opts.link}`] : []), '', `— HelpStack, ${opts.organizationName}`].join('\n');
  const html = [
    `<p><strong>${escapeHtml(title)}</strong></p>`,
    `<p>${escapeHtml(body)}</p>`,
    opts.link ? `<p><a href="${escapeHtml(opts.link)}">Open the conversation</a></p>` : '',
    `<p style="color:#888">HelpStack, ${escapeHtml(opts.organizationName)}</p>`,
  ].join('\n');
  return { subject, text, html };
}
