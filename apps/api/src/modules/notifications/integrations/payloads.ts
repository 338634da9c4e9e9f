import { randomUUID } from 'node:crypto';
import type { NotificationIntegrationType } from '@helpstack/contracts';
import { describeForTeam, notificationMail, type Occurrence } from '../content.ts';

/**
 * What one delivery sends, fixed when it is queued so that every retry sends the same thing (and a webhook
 * the same `webhook-id`, which lets the receiver de-duplicate). The url is not here: it is read, decrypted,
 * from the integration at send time.
 */
export type DeliveryPayload =
  | { kind: 'http'; body: unknown; webhookId: string }
  | { kind: 'email'; subject: string; text: string; html: string };

export interface PayloadContext {
  organizationName: string;
  /** Absolute link to the conversation in the dashboard, when the public origin is configured. */
  link: string | null;
}

const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const msgId = () => `msg_${randomUUID().replace(/-/g, '')}`;

function chatBodies(type: 'SLACK' | 'DISCORD', title: string, body: string, link: string | null, timestamp: string) {
  if (type === 'SLACK') {
    return {
      text: `${title}: ${body}`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `*${slackEscape(title)}*\n${slackEscape(body)}` } },
        ...(link ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `<${link}|Open in HelpStack>` }] }] : []),
      ],
    };
  }
  return {
    content: title,
    embeds: [{ title, description: body, ...(link ? { url: link } : {}), timestamp }],
  };
}

/** The delivery of an event to one integration (CONTRACT §11 body per type). */
export function eventPayload(type: NotificationIntegrationType, o: Occurrence, ctx: PayloadContext): DeliveryPayload {
  const timestamp = new Date().toISOString();
  if (type === 'EMAIL') return { kind: 'email', ...notificationMail(o, { ...ctx, forTeam: true }) };
  if (type === 'WEBHOOK') {
    const data = o.message ? { conversation: o.conversation, message: o.message } : { conversation: o.conversation };
    return { kind: 'http', body: { type: o.event, timestamp, data }, webhookId: msgId() };
  }
  const { title, body } = describeForTeam(o);
  return { kind: 'http', body: chatBodies(type, title, body, ctx.link, timestamp), webhookId: msgId() };
}

/** `POST …/integrations/[id]/test`: a delivery that says it is a test, through the same path as real ones. */
export function testPayload(type: NotificationIntegrationType, integration: { id: string; name: string }, ctx: Pick<PayloadContext, 'organizationName'>): DeliveryPayload {
  const timestamp = new Date().toISOString();
  const title = 'Test notification from HelpStack';
  const body = `The integration "${integration.name}" of ${ctx.organizationName} works.`;
  if (type === 'EMAIL') {
    return { kind: 'email', subject: `[${ctx.organizationName}] ${title}`, text: `${title}\n\n${body}\n`, html: `<p><strong>${title}</strong></p><p>${body.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}</p>` };
  }
  if (type === 'WEBHOOK') return { kind: 'http', body: { type: 'test', timestamp, data: { integration: { id: integration.id, name: integration.name } } }, webhookId: msgId() };
  return { kind: 'http', body: chatBodies(type, title, body, null, timestamp), webhookId: msgId() };
}
