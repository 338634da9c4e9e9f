import { z } from 'zod';

export const metaProviders = ['facebook', 'instagram', 'whatsapp'] as const;
export type MetaProvider = (typeof metaProviders)[number];

/** The channel type and the credentials field that identifies the receiving account, per provider. */
export const providerChannel = {
  facebook: { type: 'FACEBOOK', accountField: 'pageId' },
  instagram: { type: 'INSTAGRAM', accountField: 'accountId' },
  whatsapp: { type: 'WHATSAPP', accountField: 'phoneNumberId' },
} as const;

/** One customer message found in a delivery, normalised across Messenger, Instagram and WhatsApp. */
export interface MetaInbound {
  /** The page / Instagram account / WhatsApp phone number id that received it. */
  accountId: string;
  /** PSID, IGSID or the sender's phone number: the customer's identity on that channel. */
  senderId: string;
  senderName?: string;
  senderPhone?: string;
  /** The provider's message id: redeliveries are recognised by it. */
  messageId: string;
  text: string;
}

const messaging = z.object({
  sender: z.object({ id: z.string() }),
  recipient: z.object({ id: z.string() }),
  message: z.object({
    mid: z.string(),
    text: z.string().optional(),
    is_echo: z.boolean().optional(),
    attachments: z.array(z.object({ type: z.string().optional() })).optional(),
  }).optional(),
});
const pageEntry = z.object({ id: z.string(), messaging: z.array(messaging).optional() });
const pageDelivery = z.object({ object: z.string(), entry: z.array(pageEntry).max(1000) });

const waMessage = z.object({
  from: z.string(),
  id: z.string(),
  type: z.string().optional(),
  text: z.object({ body: z.string() }).optional(),
});
const waDelivery = z.object({
  object: z.string(),
  entry: z.array(z.object({
    changes: z.array(z.object({
      value: z.object({
        metadata: z.object({ phone_number_id: z.string() }),
        contacts: z.array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string() }).optional() })).optional(),
        messages: z.array(waMessage).optional(),
      }),
    })).optional(),
  })).max(1000),
});

const placeholder = (type: string | undefined) => `[${type ?? 'attachment'}]`;

/**
 * The customer messages in a webhook body; anything else (echoes of our own sends, read receipts,
 * statuses, unknown shapes) yields nothing. Malformed bodies yield nothing rather than an error.
 */
export function parseMetaDelivery(provider: MetaProvider, body: unknown): MetaInbound[] {
  if (provider === 'whatsapp') {
    const parsed = waDelivery.safeParse(body);
    if (!parsed.success) return [];
    return parsed.data.entry.flatMap((e) => (e.changes ?? []).flatMap(({ value }) => (value.messages ?? []).map((m) => ({
      accountId: value.metadata.phone_number_id,
      senderId: m.from,
      senderPhone: `+${m.from.replace(/^\+/, '')}`,
      senderName: value.contacts?.find((c) => c.wa_id === m.from)?.profile?.name,
      messageId: m.id,
      text: m.text?.body ?? placeholder(m.type),
    }))));
  }
  const parsed = pageDelivery.safeParse(body);
  if (!parsed.success) return [];
  return parsed.data.entry.flatMap((e) => (e.messaging ?? []).flatMap((m) => {
    if (!m.message || m.message.is_echo) return [];
    const text = m.message.text ?? placeholder(m.message.attachments?.[0]?.type);
    return [{ accountId: e.id, senderId: m.sender.id, messageId: m.message.mid, text }];
  }));
}

/** The receiving account ids named in a body, before it is trusted (to find whose app secret applies). */
export function accountIdsOf(provider: MetaProvider, body: unknown): string[] {
  if (provider === 'whatsapp') {
    const parsed = waDelivery.safeParse(body);
    return parsed.success ? [...new Set(parsed.data.entry.flatMap((e) => (e.changes ?? []).map((c) => c.value.metadata.phone_number_id)))] : [];
  }
  const parsed = pageDelivery.safeParse(body);
  return parsed.success ? [...new Set(parsed.data.entry.map((e) => e.id))] : [];
}
