import type { Conversation, DomainEventType, Message, PushPayload } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import type { Tx } from '../../db/client.ts';
import type { DispatchedEvent } from '../../plugins/app/events.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { oncePerTransaction } from '../../lib/transaction-memo.ts';
import { loadConversation } from '../conversations/service.ts';
import { conversationPath, describe, notificationMail, type Occurrence } from './content.ts';
import { insertNotifications, toNotification } from './in-app.ts';
import { INTEGRATION_QUEUE, type IntegrationJob } from './integrations/deliver.ts';
import { eventPayload } from './integrations/payloads.ts';
import { insertDelivery, integrationsFor } from './integrations/queries.ts';
import { MAIL_QUEUE, type MailJob } from './mail.ts';
import { loadPreferencesOf, wants } from './preferences.ts';
import { PUSH_QUEUE, subscriptionIdsOf, type PushJob } from './push.ts';
import { isFirstMessage, membersOf, organizationName, takeBatchSlots } from './recipients.ts';

/** An event worth notifying of: what it is, whom it concerns, and whether integrations hear of it too. */
interface Routed {
  occurrence: Occurrence;
  /** Users to notify (the one who acted is never among them). */
  userIds: string[];
  /** Customer messages are batched per user and conversation for push and e-mail. */
  batched: boolean;
}

async function conversationOrNull(tx: Tx, organizationId: string, id: string): Promise<Conversation | null> {
  try {
    return await loadConversation(tx, organizationId, id);
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}

/**
 * The organization's members, read once per transaction: the dispatcher hands this subscriber up to 25 events in
 * one, and an unassigned conversation's message goes to every member.
 */
const members = (tx: Tx, organizationId: string) => oncePerTransaction(tx, `members:${organizationId}`, () => membersOf(tx, organizationId));

/**
 * CONTRACT §11 rules. `conversation.created`: a conversation a customer started (one an agent opened carries
 * its actor), to every member. `conversation.assigned`: a change of assignee, to the new assignee unless they
 * did it themselves. `message.created`: a customer's message, to the assignee or, while unassigned, to every
 * member — except the message that opened the conversation, which `conversation.created` already announced
 * to the users (integrations listening for messages still get it). `mention`: a private note's mentioned
 * members, never its author.
 */
async function route(tx: Tx, event: DispatchedEvent): Promise<{ routed: Routed; forUsers: boolean } | null> {
  const { organizationId, meta } = event;
  const actor = meta.actorUserId ?? null;
  const everyone = async () => (await members(tx, organizationId)).map((m) => m.userId).filter((u) => u !== actor);
  switch (event.type) {
    case 'conversation.created': {
      if (actor) return null;
      const occurrence: Occurrence = { event: 'conversation.created', organizationId, conversation: event.data, message: null };
      return { routed: { occurrence, userIds: await everyone(), batched: false }, forUsers: true };
    }
    case 'conversation.updated': {
      const conversation = event.data;
      if (meta.previousAssignedToId === undefined || !conversation.assignedToId || conversation.assignedToId === meta.previousAssignedToId) return null;
      const occurrence: Occurrence = { event: 'conversation.assigned', organizationId, conversation, message: null };
      const userIds = conversation.assignedToId === actor ? [] : [conversation.assignedToId];
      return { routed: { occurrence, userIds, batched: false }, forUsers: true };
    }
    case 'message.created': {
      const message: Message = event.data;
      if (message.direction !== 'INBOUND' || message.senderType !== 'CUSTOMER') return null;
      const conversation = await conversationOrNull(tx, organizationId, message.conversationId);
      if (!conversation) return null;
      const occurrence: Occurrence = { event: 'message.created', organizationId, conversation, message };
      const opened = meta.opensConversation ?? (await isFirstMessage(tx, { organizationId, conversationId: conversation.id, messageId: message.id }));
      const forUsers = !opened;
      const userIds = !forUsers ? [] : conversation.assignedToId ? [conversation.assignedToId] : await everyone();
      return { routed: { occurrence, userIds, batched: true }, forUsers };
    }
    case 'note.created': {
      // A private note's @mentions (CONTRACT §12): each mentioned member but its author.
      const { conversation, message, mentions } = event.data;
      const author = message.authorId ?? actor;
      const userIds = [...new Set(mentions)].filter((u) => u !== author);
      if (!userIds.length) return null;
      const occurrence: Occurrence = { event: 'mention', organizationId, conversation, message };
      return { routed: { occurrence, userIds, batched: false }, forUsers: true };
    }
    default:
      return null;
  }
}

/**
 * The routing subscriber (name `notifications`): in its transaction it writes the in-app notifications,
 * the integration deliveries and the pg-boss jobs for pushes, e-mails and deliveries (once per event, with the
 * receipt); after the commit it tells each recipient's sockets. Nothing here
 * waits on a push service, a mail server or a webhook receiver.
 */
/** The events `route` looks at; the dispatcher hands this subscriber no other. */
export const NOTIFIED_EVENT_TYPES = ['conversation.created', 'conversation.updated', 'message.created', 'note.created'] as const satisfies readonly DomainEventType[];

export function notificationsSubscriber(app: FastifyInstance) {
  const base = app.config.APP_ORIGIN[0] ?? app.config.PUBLIC_URL ?? null;
  const linkTo = (conversationId: string) => (base ? `${base}${conversationPath(conversationId)}` : null);

  return async (event: DispatchedEvent, tx: Tx) => {
    const found = await route(tx, event);
    if (!found) return;
    const { occurrence } = found.routed;
    const { organizationId, conversation } = occurrence;
    // Deleted before its events were dispatched (by itself or with its channel): nobody to tell about it, and
    // its notifications could not reference it — failing here would retry the event forever.
    if (occurrence.event !== 'message.created' && !(await conversationOrNull(tx, organizationId, conversation.id))) return;
    const at = event.createdAt;
    const name = await oncePerTransaction(tx, `organization-name:${organizationId}`, () => organizationName(tx, organizationId));
    const link = linkTo(conversation.id);

    const inApp: ReturnType<typeof toNotification>[] = [];
    const inAppOwners: string[] = [];
    const pushes: PushJob[] = [];
    const mails: MailJob[] = [];
    const userIds = found.routed.userIds;
    if (userIds.length) {
      const prefs = await oncePerTransaction(tx, `preferences:${organizationId}:${userIds.join(',')}`, () => loadPreferencesOf(tx, { organizationId, userIds }));
      const who = (channel: 'inApp' | 'push' | 'email') => userIds.filter((u) => wants(prefs.get(u)!, occurrence.event, channel));
      const text = describe(occurrence);

      const rows = await insertNotifications(tx, who('inApp').map((userId) => ({ organizationId, userId, type: occurrence.event, ...text, conversationId: conversation.id })));
      for (const row of rows) {
        inApp.push(toNotification(row));
        inAppOwners.push(row.userId);
      }

      const batch = async (users: string[], channel: 'push' | 'email') => {
        if (!found.routed.batched) return users;
        const taken = await takeBatchSlots(tx, { userIds: users, conversationId: conversation.id, channel, at });
        return users.filter((u) => taken.has(u));
      };
      const payload: PushPayload = { type: occurrence.event, ...text, url: conversationPath(conversation.id), conversationId: conversation.id };
      for (const userId of await batch(who('push'), 'push')) {
        for (const subscriptionId of await subscriptionIdsOf(tx, { organizationId, userId })) pushes.push({ subscriptionId, payload });
      }
      const mailTo = new Set(await batch(who('email'), 'email'));
      if (mailTo.size) {
        const mail = notificationMail(occurrence, { organizationName: name, link });
        for (const m of await members(tx, organizationId)) if (mailTo.has(m.userId)) mails.push({ to: m.email, ...mail });
      }
    }

    const deliveries: string[] = [];
    const integrations = await oncePerTransaction(tx, `integrations:${organizationId}:${occurrence.event}`, () => integrationsFor(tx, { organizationId, event: occurrence.event }));
    for (const integration of integrations) {
      const row = await insertDelivery(tx, { organizationId, integrationId: integration.id, event: occurrence.event, payload: eventPayload(integration.type, occurrence, { organizationName: name, link }) });
      deliveries.push(row.id);
    }

    // The jobs are written in this transaction, with the receipt: a job exists iff the receipt does (a crash
    // after the commit can no longer lose them, and a rolled-back attempt leaves none to run twice).
    for (const job of pushes) await app.queue.sendInTransaction<PushJob>(tx, PUSH_QUEUE, job);
    for (const job of mails) await app.queue.sendInTransaction<MailJob>(tx, MAIL_QUEUE, job);
    for (const deliveryId of deliveries) await app.queue.sendInTransaction<IntegrationJob>(tx, INTEGRATION_QUEUE, { deliveryId }, { singletonKey: deliveryId });

    if (!inApp.length && !pushes.length && !mails.length && !deliveries.length) return;
    // After the commit: the sockets are told only of notifications that exist, and this instance's workers
    // take the committed jobs now rather than at their next poll.
    return async () => {
      if (pushes.length) app.queue.wake(PUSH_QUEUE);
      if (mails.length) app.queue.wake(MAIL_QUEUE);
      if (deliveries.length) app.queue.wake(INTEGRATION_QUEUE);
      await Promise.all(inApp.map((n, i) => app.events.signal(organizationId, { type: 'notification.created', data: n }, { userId: inAppOwners[i]! })
        .catch((err) => app.log.warn({ err }, 'notification realtime signal failed'))));
    };
  };
}

