import type { ChannelType } from '@helpstack/contracts';

type MetaType = Extract<ChannelType, 'FACEBOOK' | 'INSTAGRAM' | 'WHATSAPP'>;

/** Each Meta type has its own webhook route (`/api/webhooks/<type>`), as the API mounts them. */
export const metaWebhookUrl = (origin: string, type: MetaType) => `${origin.replace(/\/+$/, '')}/api/webhooks/${type.toLowerCase()}`;

/** The webhook fields the app reads for each product. */
export const META_SUBSCRIPTIONS: Record<MetaType, string> = {
  FACEBOOK: 'messages, message_echoes, message_deliveries, message_reads',
  INSTAGRAM: 'messages',
  WHATSAPP: 'messages (it carries the delivery statuses too)',
};
