import { metaIdSchema } from '@helpstack/contracts';
import { z } from 'zod';
import type { MetaMediaRef } from './media.ts';

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
  /** Files to download and attach. */
  media: MetaMediaRef[];
}

const messaging = z.object({
  sender: z.object({ id: z.string() }),
  recipient: z.object({ id: z.string() }),
  message: z.object({
    mid: z.string(),
    text: z.string().optional(),
    is_echo: z.boolean().optional(),
    /** Echoes only: what the sender put in `message.metadata` (we put our message id there, see messenger.ts). */
    metadata: z.string().optional(),
    attachments: z.array(z.object({ type: z.string().optional(), payload: z.object({ url: z.string().optional() }).optional() })).optional(),
  }).optional(),
});
const pageEntry = z.object({ id: z.string(), messaging: z.array(messaging).optional() });

const waMessage = z.object({
  from: z.string(),
  id: z.string(),
  type: z.string().optional(),
  text: z.object({ body: z.string() }).optional(),
  image: z.object({ id: z.string(), caption: z.string().optional() }).optional(),
  audio: z.object({ id: z.string() }).optional(),
  video: z.object({ id: z.string(), caption: z.string().optional() }).optional(),
  document: z.object({ id: z.string(), caption: z.string().optional(), filename: z.string().optional() }).optional(),
});
const waChange = z.object({
  value: z.object({
    metadata: z.object({ phone_number_id: z.string() }),
    contacts: z.array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string() }).optional() })).optional(),
    messages: z.array(waMessage).optional(),
  }),
});
const waEntry = z.object({ changes: z.array(waChange).optional() });

/** The envelope only: entries are looked at one by one so that one odd entry does not hide the others. */
const delivery = z.object({ entry: z.array(z.unknown()).max(1000) });
const waRouting = z.object({ changes: z.array(z.unknown()).max(1000) });
// Account ids are Meta's numeric ids: anything else (NULs included) can name no channel and is dropped unread.
const waChangeAccount = z.object({ value: z.object({ metadata: z.object({ phone_number_id: metaIdSchema }) }) });

/** A part of a delivery addressed to one account: the unit a delivery is routed by (CONTRACT §10 "Inbound routing"). */
export interface MetaEntry {
  accountId: string;
  /** The provider's entry as received, narrowed to this account (WhatsApp: only the changes for its number). */
  entry: Record<string, unknown>;
}

/**
 * Splits a delivery by receiving account, before it is trusted: Messenger/Instagram entries by `id`,
 * WhatsApp changes by `metadata.phone_number_id`. Anything that names no account is left out.
 */
export function splitDelivery(provider: MetaProvider, body: unknown): MetaEntry[] {
  const parsed = delivery.safeParse(body);
  if (!parsed.success) return [];
  const out: MetaEntry[] = [];
  for (const entry of parsed.data.entry) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) continue;
    const record = entry as Record<string, unknown>;
    if (provider !== 'whatsapp') {
      const accountId = metaIdSchema.safeParse(record.id);
      if (accountId.success) out.push({ accountId: accountId.data, entry: record });
      continue;
    }
    const changes = waRouting.safeParse(record);
    if (!changes.success) continue;
    const byAccount = new Map<string, unknown[]>();
    for (const change of changes.data.changes) {
      const named = waChangeAccount.safeParse(change);
      if (named.success) byAccount.set(named.data.value.metadata.phone_number_id, [...(byAccount.get(named.data.value.metadata.phone_number_id) ?? []), change]);
    }
    for (const [accountId, mine] of byAccount) out.push({ accountId, entry: { ...record, changes: mine } });
  }
  return out;
}

const placeholder = (type: string | undefined) => `[${type ?? 'attachment'}]`;

/**
 * The customer messages in one routed entry; anything else (echoes — see `parseMetaEchoes` —, read
 * receipts, statuses, unknown shapes) yields nothing. A malformed entry yields nothing rather than an error.
 */
export function parseMetaEntry(provider: MetaProvider, entry: unknown): MetaInbound[] {
  if (provider === 'whatsapp') {
    const parsed = waEntry.safeParse(entry);
    if (!parsed.success) return [];
    return (parsed.data.changes ?? []).flatMap(({ value }) => (value.messages ?? []).map((m) => ({
      accountId: value.metadata.phone_number_id,
      senderId: m.from,
      senderPhone: `+${m.from.replace(/^\+/, '')}`,
      senderName: value.contacts?.find((c) => c.wa_id === m.from)?.profile?.name,
      messageId: m.id,
      text: m.text?.body ?? m.image?.caption ?? m.video?.caption ?? m.document?.caption ?? placeholder(m.type),
      media: [m.image, m.audio, m.video, m.document].flatMap((file) => (file ? [{ mediaId: file.id, name: (file as { filename?: string }).filename ?? m.type }] : [])),
    })));
  }
  const parsed = pageEntry.safeParse(entry);
  if (!parsed.success) return [];
  const e = parsed.data;
  return (e.messaging ?? []).flatMap((m) => {
    if (!m.message || m.message.is_echo) return [];
    const text = m.message.text ?? placeholder(m.message.attachments?.[0]?.type);
    const media = (m.message.attachments ?? []).flatMap((a) => (a.payload?.url ? [{ url: a.payload.url, name: a.type }] : []));
    return [{ accountId: e.id, senderId: m.sender.id, messageId: m.message.mid, text, media }];
  });
}

/** A message the page itself sent (Messenger/Instagram `is_echo`): ours through the Send API, or a person's in Meta's inbox. */
export interface MetaEcho {
  accountId: string;
  /** The customer it went to (the echo's recipient). */
  recipientId: string;
  messageId: string;
  text: string;
  media: MetaMediaRef[];
  /** The `metadata` string of the send, when the sender set one. */
  metadata?: string;
}

/** The echoes in one routed Messenger/Instagram entry (WhatsApp sends none). */
export function parseMetaEchoes(provider: MetaProvider, entry: unknown): MetaEcho[] {
  if (provider === 'whatsapp') return [];
  const parsed = pageEntry.safeParse(entry);
  if (!parsed.success) return [];
  const e = parsed.data;
  return (e.messaging ?? []).flatMap((m) => {
    if (!m.message?.is_echo) return [];
    const media = (m.message.attachments ?? []).flatMap((a) => (a.payload?.url ? [{ url: a.payload.url, name: a.type }] : []));
    const text = m.message.text ?? placeholder(m.message.attachments?.[0]?.type);
    return [{ accountId: e.id, recipientId: m.recipient.id, messageId: m.message.mid, text, media, metadata: m.message.metadata }];
  });
}
