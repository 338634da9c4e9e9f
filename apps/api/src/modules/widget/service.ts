import type { VisitorContext } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import { resolveWidgetConfig } from '../channels/serializers.ts';
import { generatedVisitorName } from './generated-name.ts';
import type { MessageAttachment } from '../../db/schema/index.ts';
import { ValidationError } from '../../lib/errors.ts';
import { and, eq, ne } from 'drizzle-orm';
import { customers } from '../../db/schema/index.ts';
import { updateCustomer, upsertCustomer } from '../customers/queries.ts';
import { recordInboundMessage } from '../inbox/record-inbound-message.ts';
import { claimEmail, findConversationVisitors, findVisitorUploads, type WidgetChannel } from './queries.ts';
import { serializeMessage } from '../messages/serializers.ts';

export interface VisitorMessageInput {
  visitorId: string;
  content: string;
  attachments?: string[];
  name?: string;
  email?: string;
  clientMessageId?: string;
  context?: VisitorContext;
}

/**
 * A visitor's message, from the WebSocket or the HTTP fallback alike: stored once (a retry with the
 * same clientMessageId returns the first), raised to the agents, and echoed to the visitor's other tabs.
 */
export async function postVisitorMessage(app: FastifyInstance, channel: WidgetChannel, input: VisitorMessageInput) {
  const { organizationId } = channel;
  const paths = [...new Set(input.attachments ?? [])];
  const uploads = await findVisitorUploads(app.db, { organizationId, visitorId: input.visitorId, paths });
  if (uploads.length !== paths.length) throw ValidationError.field('attachments', 'Attach only files you uploaded to this chat');
  const attachments: MessageAttachment[] = uploads.map((u) => ({ id: u.id, name: u.name, mimeType: u.mimeType, size: u.size }));

  // With identity verification on, only a verified identify names the visitor: the page's claims are ignored.
  const claims = resolveWidgetConfig(channel).identityVerification ? {} : { name: input.name, email: input.email };
  const result = await recordInboundMessage(app, {
    organizationId,
    channelId: channel.id,
    channel,
    externalId: input.visitorId,
    // An email typed into the widget is unverified: it must never attach this visitor to an existing
    // customer (and so to their conversations). It is recorded below only if nobody has it yet.
    // A visitor without a name is a readable "Blue Otter" with its colour (generated once, at creation).
    customer: { name: claims.name, generated: generatedVisitorName(input.visitorId) },
    context: input.context,
    content: input.content,
    attachments,
    clientMessageId: input.clientMessageId,
  });
  const customerId = result.conversation.customer?.id;
  if (claims.email && customerId) await claimEmail(app.db, { organizationId, customerId, email: claims.email.toLowerCase() });

  const message = serializeMessage(
    { ...result.message, translatedContent: null, clientMessageId: input.clientMessageId ?? null },
    { kind: 'visitor', channelId: channel.id, visitorId: input.visitorId },
  );
  if (result.created) {
    await app.visitorSockets.push(channel.id, input.visitorId, { type: 'message', data: message }).catch((err) => {
      app.log.warn({ err }, 'echo to the visitor\'s other sockets failed');
    });
  }
  return { conversationId: result.conversation.id, message, created: result.created };
}

/** An agent typing in a website-chat conversation: the visitor's widget shows the dots. */
export async function pushAgentTyping(app: FastifyInstance, params: { organizationId: string; conversationId: string; typing: boolean }) {
  const visitors = await findConversationVisitors(app.db, params);
  await Promise.all(visitors.map((v) => app.visitorSockets.push(v.channelId, v.visitorId, { type: 'typing', data: { typing: params.typing } })));
}

/**
 * The address a visitor leaves when nobody is online (CONTRACT §12), so a later reply can reach them by
 * e-mail. It becomes the customer's e-mail when no other customer has it; otherwise (an unverified claim
 * must never attach the visitor to someone else) it is kept as `metadata.offlineEmail`.
 */
export async function captureOfflineEmail(app: FastifyInstance, channel: WidgetChannel, params: { visitorId: string; email: string }) {
  const { organizationId } = channel;
  const email = params.email.toLowerCase();
  await app.db.transaction(async (tx) => {
    const customer = await upsertCustomer(tx, { organizationId, channelId: channel.id, externalId: params.visitorId, generated: generatedVisitorName(params.visitorId) });
    if (customer.email === email) return;
    const [taken] = await tx.select({ id: customers.id }).from(customers)
      .where(and(eq(customers.organizationId, organizationId), eq(customers.email, email), ne(customers.id, customer.id))).limit(1);
    const set = taken ? { metadata: { ...customer.metadata, offlineEmail: email } } : { email };
    await updateCustomer(tx, { organizationId, id: customer.id, set });
  });
  return { email };
}
