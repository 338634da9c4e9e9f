/** The FAQs page's scope in the URL (`?channel=`): a channel id, or `all` for the FAQs shown on every channel. */
export const ORG_WIDE = 'all';

export type FaqsSearch = { channel?: string };

export const parseFaqsSearch = (raw: Record<string, unknown>): FaqsSearch =>
  typeof raw.channel === 'string' && raw.channel.trim() && raw.channel.length <= 100 ? { channel: raw.channel.trim() } : {};

/**
 * Which scope the page shows: the one in the URL when it still exists; otherwise where the FAQs are — the
 * every-channel list if it has any, else the first channel (in the channels' order) that has some — so the page
 * never opens on an empty list while FAQs exist elsewhere.
 */
export function faqScope(requested: string | undefined, faqs: readonly { channelId: string | null }[], channelIds: readonly string[]): string {
  if (requested && (requested === ORG_WIDE || channelIds.includes(requested))) return requested;
  if (faqs.some((f) => f.channelId === null)) return ORG_WIDE;
  const withFaqs = new Set(faqs.map((f) => f.channelId));
  return channelIds.find((id) => withFaqs.has(id)) ?? ORG_WIDE;
}
