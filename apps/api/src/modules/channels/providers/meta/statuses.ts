import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../../db/client.ts';
import { conversations, messages } from '../../../../db/schema/index.ts';
import type { Events } from '../../../../plugins/app/events.ts';
import { serializeMessage } from '../../../messages/serializers.ts';
import type { MetaProvider } from './payload.ts';

/** A later status never gives way to an earlier one (a late "sent" after "read" changes nothing). */
const RANK = { PENDING: 0, SENT: 1, FAILED: 2, DELIVERED: 3, READ: 4 } as const;
type Reached = 'SENT' | 'DELIVERED' | 'READ' | 'FAILED';
const earlierThan = (status: Reached) => (Object.keys(RANK) as (keyof typeof RANK)[]).filter((s) => RANK[s] < RANK[status]);

/** A change Meta reports about one of our sends: by its id (WhatsApp, Messenger delivery) or up to a time (Messenger read). */
export type MetaStatus =
  | { externalId: string; status: Reached; error?: string }
  | { readUpTo: Date; recipientId: string };

const waStatus = z.object({
  id: z.string(),
  status: z.enum(['sent', 'delivered', 'read', 'failed']),
  errors: z.array(z.object({ code: z.number().optional(), title: z.string().optional(), message: z.string().optional(), error_data: z.object({ details: z.string().optional() }).optional() })).optional(),
});
const waEntry = z.object({ changes: z.array(z.object({ value: z.object({ statuses: z.array(z.unknown()).optional() }) })).optional() });
const pageEntry = z.object({
  messaging: z.array(z.object({
    sender: z.object({ id: z.string() }),
    delivery: z.object({ mids: z.array(z.string()).optional() }).optional(),
    read: z.object({ watermark: z.number() }).optional(),
  }).passthrough()).optional(),
});

const waError = (errors: z.infer<typeof waStatus>['errors']) => {
  const e = errors?.[0];
  if (!e) return 'WhatsApp could not deliver the message';
  if (e.code === 131047) return 'outside WhatsApp\'s 24-hour window; a template message is needed';
  return `WhatsApp could not deliver the message: ${e.error_data?.details ?? e.message ?? e.title ?? `code ${e.code}`}`;
};

/** The delivery/read receipts and WhatsApp statuses in one routed entry; anything else yields nothing. */
export function parseMetaStatuses(provider: MetaProvider, entry: unknown): MetaStatus[] {
  if (provider === 'whatsapp') {
    const parsed = waEntry.safeParse(entry);
    if (!parsed.success) return [];
    return (parsed.data.changes ?? []).flatMap(({ value }) => (value.statuses ?? []).flatMap((raw) => {
      const s = waStatus.safeParse(raw);
      if (!s.success) return [];
      const status = s.data.status.toUpperCase() as Reached;
      return [{ externalId: `whatsapp:${s.data.id}`, status, ...(status === 'FAILED' ? { error: waError(s.data.errors) } : {}) }];
    }));
  }
  const parsed = pageEntry.safeParse(entry);
  if (!parsed.success) return [];
  return (parsed.data.messaging ?? []).flatMap((m): MetaStatus[] => [
    ...(m.delivery?.mids ?? []).map((mid) => ({ externalId: `${provider}:${mid}`, status: 'DELIVERED' as const })),
    ...(m.read ? [{ readUpTo: new Date(m.read.watermark), recipientId: m.sender.id }] : []),
  ]);
}

/**
 * Applies one status to the organization's outbound messages, forward only, each change with its
 * `message.updated` event. A read receipt marks every reply sent to that customer on the channel up to its watermark.
 */
export async function applyMetaStatus(app: { db: Db; events: Pick<Events, 'emit'> }, scope: { organizationId: string; channelId: string }, s: MetaStatus) {
  await app.db.transaction(async (tx) => {
    const status: Reached = 'externalId' in s ? s.status : 'READ';
    const now = new Date();
    const where = 'externalId' in s
      ? and(eq(messages.organizationId, scope.organizationId), eq(messages.externalId, s.externalId))
      : and(
        eq(messages.organizationId, scope.organizationId),
        lte(messages.sentAt, s.readUpTo),
        inArray(messages.conversationId, tx.select({ id: conversations.id }).from(conversations).where(and(
          eq(conversations.organizationId, scope.organizationId),
          eq(conversations.channelId, scope.channelId),
          sql`${conversations.customerId} in (select customer_id from customer_identities where channel_id = ${scope.channelId} and external_id = ${s.recipientId})`,
        ))),
      );
    const updated = await tx.update(messages)
      .set({
        status,
        ...(status === 'FAILED' && 'externalId' in s ? { error: s.error ?? null } : {}),
        ...(status === 'DELIVERED' || status === 'READ' ? { deliveredAt: sql`coalesce(${messages.deliveredAt}, ${now})` } : {}),
      })
      .where(and(where, eq(messages.direction, 'OUTBOUND'), inArray(messages.status, earlierThan(status))))
      .returning();
    for (const row of updated) {
      await app.events.emit(tx, { organizationId: row.organizationId, type: 'message.updated', data: serializeMessage(row, { kind: 'agent' }) });
    }
  });
}
