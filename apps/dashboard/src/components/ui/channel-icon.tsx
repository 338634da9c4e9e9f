import type { ChannelType } from '@helpstack/contracts';
import { IconBrandFacebook, IconBrandInstagram, IconBrandTelegram, IconBrandWhatsapp, IconMail, IconMessageChatbot } from '@tabler/icons-react';

export const CHANNEL_TYPE_LABELS: Record<ChannelType, string> = {
  WEBSITE_CHAT: 'Website chat',
  EMAIL: 'Email',
  FACEBOOK: 'Facebook Messenger',
  INSTAGRAM: 'Instagram',
  WHATSAPP: 'WhatsApp',
  TELEGRAM: 'Telegram',
};

const ICONS = {
  WEBSITE_CHAT: IconMessageChatbot,
  EMAIL: IconMail,
  FACEBOOK: IconBrandFacebook,
  INSTAGRAM: IconBrandInstagram,
  WHATSAPP: IconBrandWhatsapp,
  TELEGRAM: IconBrandTelegram,
} satisfies Record<ChannelType, unknown>;

export function ChannelIcon({ type, size = 16 }: { type: ChannelType | undefined; size?: number }) {
  const Icon = type ? ICONS[type] : IconMessageChatbot;
  return <Icon size={size} stroke={1.7} aria-hidden="true" />;
}
