import type { WidgetIdentifyBody, WidgetIdentifyResponse } from '@helpstack/contracts';
import { and, eq, ne } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Tx } from '../../db/client.ts';
import { conversations, customerIdentities, customers } from '../../db/schema/index.ts';
import { ForbiddenError } from '../../lib/errors.ts';
import { resolveWidgetConfig } from '../channels/serializers.ts';
import { verifyUserHash } from '../channels/identity-secret.ts';
import { loadConversation } from '../conversations/service.ts';
import { updateCustomer, upsertCustomer } from '../customers/queries.ts';
import { generatedVisitorName } from './generated-name.ts';
import type { WidgetChannel } from './queries.ts';

/** How a site's own user id is kept among the channel's identities (next to the widget's visitor ids). */
export const userIdentity = (userId: string) => `user:${userId}`;

/**
 * `HelpStack('identify', {userId, name, email, userHash})` (CONTRACT §12).
 * - A valid `userHash` verifies the user: the visitor is linked to the customer who already has that user
 *   id (or e-mail) — their conversations on this channel move along — and name/e-mail are set.
 * - A wrong `userHash`, or none when the channel has `identityVerification`, is refused with 403 and
 *   changes nothing: the chat goes on anonymously.
 * - No `userHash` on a channel without verification: the name (and an e-mail nobody else has) are taken as
 *   the visitor's own claim, never linking them to anyone.
 */
export async function identifyVisitor(app: FastifyInstance, channel: WidgetChannel, body: WidgetIdentifyBody): Promise<WidgetIdentifyResponse> {
  const { organizationId } = channel;
  const required = resolveWidgetConfig(channel).identityVerification;
  if (body.userHash) {
    if (!(await verifyUserHash(app, channel, body.userId, body.userHash))) throw new ForbiddenError('The userHash does not match this userId: identity refused');
  } else if (required) {
    throw new ForbiddenError('This chat requires a userHash (identity verification): identity refused');
  }
  const verified = Boolean(body.userHash);
  const email = body.email?.toLowerCase() ?? null;
  return app.db.transaction(async (tx) => {
    const visitor = await upsertCustomer(tx, { organizationId, channelId: channel.id, externalId: body.visitorId, generated: generatedVisitorName(body.visitorId) });
    let customer = visitor;
    if (verified) {
      const known = await findLinkedCustomer(tx, { organizationId, channelId: channel.id, userId: body.userId, email });
      if (known && known.id !== visitor.id) {
        await moveVisitor(tx, { organizationId, channelId: channel.id, visitorId: body.visitorId, from: visitor.id, to: known.id });
        customer = { ...visitor, ...known };
      }
      await tx.insert(customerIdentities).values({ organizationId, channelId: channel.id, externalId: userIdentity(body.userId), customerId: customer.id }).onConflictDoNothing();
    }
    const set: { name?: string; email?: string } = {};
    if (body.name && (verified || !customer.name || customer.nameGenerated)) set.name = body.name;
    if (email && email !== customer.email && (verified || !customer.email) && !(await emailTaken(tx, { organizationId, email, except: customer.id }))) set.email = email;
    const updated = Object.keys(set).length ? await updateCustomer(tx, { organizationId, id: customer.id, set }) : null;
    const name = updated?.name ?? customer.name;
    // Agents see the new name (and a moved conversation) at once.
    const touched = await tx.select({ id: conversations.id }).from(conversations)
      .where(and(eq(conversations.organizationId, organizationId), eq(conversations.channelId, channel.id), eq(conversations.customerId, customer.id))).limit(20);
    for (const { id } of touched) {
      await app.events.emit(tx, { organizationId, type: 'conversation.updated', data: await loadConversation(tx, organizationId, id) });
    }
    return { verified, name };
  });
}

async function findLinkedCustomer(tx: Tx, p: { organizationId: string; channelId: string; userId: string; email: string | null }) {
  const [byUser] = await tx.select({ id: customers.id, name: customers.name, email: customers.email, nameGenerated: customers.nameGenerated })
    .from(customerIdentities).innerJoin(customers, eq(customers.id, customerIdentities.customerId))
    .where(and(eq(customerIdentities.organizationId, p.organizationId), eq(customerIdentities.channelId, p.channelId), eq(customerIdentities.externalId, userIdentity(p.userId))))
    .limit(1);
  if (byUser || !p.email) return byUser ?? null;
  const [byEmail] = await tx.select({ id: customers.id, name: customers.name, email: customers.email, nameGenerated: customers.nameGenerated })
    .from(customers).where(and(eq(customers.organizationId, p.organizationId), eq(customers.email, p.email))).limit(1);
  return byEmail ?? null;
}

/** The visitor id now names `to`; the conversations the visitor had on this channel go with it. */
async function moveVisitor(tx: Tx, p: { organizationId: string; channelId: string; visitorId: string; from: string; to: string }) {
  await tx.update(customerIdentities).set({ customerId: p.to })
    .where(and(eq(customerIdentities.organizationId, p.organizationId), eq(customerIdentities.channelId, p.channelId), eq(customerIdentities.externalId, p.visitorId)));
  await tx.update(conversations).set({ customerId: p.to, updatedAt: new Date() })
    .where(and(eq(conversations.organizationId, p.organizationId), eq(conversations.channelId, p.channelId), eq(conversations.customerId, p.from)));
}

async function emailTaken(tx: Tx, p: { organizationId: string; email: string; except: string }) {
  const [row] = await tx.select({ id: customers.id }).from(customers)
    .where(and(eq(customers.organizationId, p.organizationId), eq(customers.email, p.email), ne(customers.id, p.except))).limit(1);
  return Boolean(row);
}
