import type { ChannelType, Conversation } from '@helpstack/contracts';
import { Badge, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { memo } from 'react';
import { ChannelIcon } from '../../../components/ui/channel-icon.tsx';
import { InitialsAvatar } from '../../../components/ui/initials-avatar.tsx';
import { RelativeTime } from '../../../components/ui/relative-time.tsx';
import type { InboxSearch } from '../utils/inbox-search.ts';
import { customerName, PriorityBadge } from './status-badge.tsx';

export type ChannelSummary = { id: string; name: string; type: ChannelType };

export const ROW_HEIGHT = 84;

type Props = {
  conversation: Conversation;
  channel: ChannelSummary | undefined;
  assigneeName: string | null;
  selected: boolean;
  search: InboxSearch;
};

export const ConversationRow = memo(function ConversationRow({ conversation: c, channel, assigneeName, selected, search }: Props) {
  const name = customerName(c);
  const preview = c.lastMessagePreview || c.subject || 'No messages yet';
  return (
    <Link
      to="/inbox/$conversationId"
      params={{ conversationId: c.id }}
      search={search}
      className="conversation-row"
      data-selected={selected || undefined}
      data-unread={c.unread || undefined}
      aria-current={selected ? 'page' : undefined}
      preload="intent"
    >
      <InitialsAvatar name={name} colorKey={c.customer?.id ?? c.id} size={36} />
      <div className="conversation-row-body">
        <div className="conversation-row-line">
          <Text component="span" size="sm" fw={c.unread ? 700 : 500} truncate className="conversation-row-name">
            {name}
          </Text>
          <Text component="span" size="xs" c={c.unread ? 'var(--mantine-color-text)' : 'dimmed'} fw={c.unread ? 600 : 400} className="conversation-row-time">
            <RelativeTime iso={c.lastMessageAt} />
          </Text>
        </div>
        <Text size="sm" c={c.unread ? 'var(--mantine-color-text)' : 'dimmed'} lineClamp={1} className="conversation-row-preview">
          {preview}
        </Text>
        <div className="conversation-row-line conversation-row-meta">
          <Text component="span" size="xs" c="dimmed" className="conversation-row-channel" truncate>
            <ChannelIcon type={channel?.type} size={13} />
            {channel?.name ?? 'Channel'}
            {assigneeName && <> · {assigneeName}</>}
          </Text>
          <span className="conversation-row-badges">
            <PriorityBadge priority={c.priority} />
            {c.unread && c.unreadCount > 0 && (
              <Badge size="sm" circle={c.unreadCount < 10}>
                {c.unreadCount > 99 ? '99+' : c.unreadCount}
                <span className="visually-hidden"> unread</span>
              </Badge>
            )}
          </span>
        </div>
      </div>
    </Link>
  );
});
